import * as fs from 'fs';
import { parse as parseJsonc, ParseError, printParseErrorCode } from 'jsonc-parser';
import { markSynthStarted } from '../core/synth-run';
import { ConfigSourceError } from './config-source-error';
import { deepMerge } from './deep-merge';
import { establishDumpKeyFacts } from './dump-key/dump-key-facts';
import type { PlatformConfig } from './platform-config';
import { ResolvedPlatformConfig, ResolveOptions, resolvePlatformConfig } from './resolve-config';
import { armorProblem } from './validate-config';

/**
 * Checks a config completely, the dump key included, the way an app should before it builds its stages: openpgp
 * reads the key asynchronously here, so the PlatformStage built from the same config and `now` needs no child
 * process to judge it. Throws one PlatformConfigError listing every problem.
 */
export async function checkPlatformConfig(
  config: PlatformConfig,
  now: Date = new Date(),
  options: ResolveOptions = {},
): Promise<ResolvedPlatformConfig> {
  const key: unknown = config?.dump?.gpgPublicKey;
  if (typeof key === 'string' && !armorProblem(key)) await establishDumpKeyFacts(key, now);
  return resolvePlatformConfig(config, now, options);
}

/**
 * Reads a JSON config file, deep-merges it over `base` (see `deepMerge`: objects key by key, lists and values
 * replaced whole) and checks the result (see `checkPlatformConfig`); every error names the file. Unknown keys in the
 * file are errors, so a typo cannot leave a base value silently in force.
 */
export async function loadPlatformConfigFile(
  file: string,
  base: PlatformConfig,
  now: Date = new Date(),
): Promise<PlatformConfig> {
  // An app reads its config file first: a run that fails on it must not leave an earlier synth looking current.
  markSynthStarted();
  const config = deepMerge(base, readJsonConfig(file));
  await checkPlatformConfig(config, now, { source: file });
  return config;
}

function readJsonConfig(file: string): unknown {
  const fail = (problem: string, fix: string): never => {
    throw new ConfigSourceError(file, undefined, [{ setting: 'configFile', value: file, problem, fix }]);
  };
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 'give the path of a JSON config file');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(`is not valid JSON: ${jsonErrorAt(text, e)}`, 'correct the JSON at that line and column');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    fail('does not hold a JSON object', 'write the config as one JSON object { ... }');
  }
  return parsed;
}

/** Where the JSON breaks, as line and column (JSON.parse on Node 20 often names no position at all). */
function jsonErrorAt(text: string, error: unknown): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return error instanceof Error ? error.message : String(error);
  const [first] = errors;
  const before = text.slice(0, first.offset).split('\n');
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const near = JSON.stringify(text.slice(first.offset, first.offset + 12));
  return `${what} at line ${before.length}, column ${before[before.length - 1].length + 1} (near ${near})`;
}
