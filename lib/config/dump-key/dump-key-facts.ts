import { spawnSync } from 'child_process';
import * as path from 'path';
import { DumpKeyFacts, inspectDumpKey } from './inspect-dump-key';

/** Facts already established, by key and moment; filled by the async path so the sync one needs no child process. */
const known = new Map<string, DumpKeyFacts>();
const cacheKey = (armoredKey: string, now: string) => `${now}\n${armoredKey}`;

/**
 * Inspects the dump key with openpgp, asynchronously (openpgp has no synchronous API), and remembers the answer
 * for `dumpKeyFactsSync`. `loadPlatformConfig` calls it before the stage is built.
 */
export async function establishDumpKeyFacts(armoredKey: string, now: Date): Promise<DumpKeyFacts> {
  const facts = await inspectDumpKey(armoredKey, now.toISOString());
  known.set(cacheKey(armoredKey, now.toISOString()), facts);
  return facts;
}

/**
 * The facts for a config resolved synchronously (a PlatformStage built without `loadPlatformConfig`): the same
 * openpgp inspection, run in a child Node process that the stage waits for, once per key and moment.
 */
export function dumpKeyFactsSync(armoredKey: string, now: Date): DumpKeyFacts {
  const id = cacheKey(armoredKey, now.toISOString());
  const cached = known.get(id);
  if (cached) return cached;
  const facts = inspectInChildProcess(armoredKey, now.toISOString());
  known.set(id, facts);
  return facts;
}

function inspectInChildProcess(armoredKey: string, now: string): DumpKeyFacts {
  const modulePath = require.resolve('./inspect-dump-key');
  // Run from the sources (tests, ts-node apps), the child needs the same TypeScript loader; from dist/ it needs none.
  const loader = modulePath.endsWith('.ts') ? ['-r', require.resolve('ts-node/register/transpile-only')] : [];
  const program =
    `let input = ''; process.stdin.on('data', (d) => (input += d)).on('end', () => {` +
    ` const { armoredKey, now } = JSON.parse(input);` +
    ` require(${JSON.stringify(modulePath)}).inspectDumpKey(armoredKey, now)` +
    `.then((facts) => process.stdout.write(JSON.stringify(facts)), (e) => { console.error(e); process.exit(1); }); });`;
  const run = spawnSync(process.execPath, [...loader, '-e', program], {
    input: JSON.stringify({ armoredKey, now }),
    cwd: path.resolve(path.dirname(modulePath), '../../..'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) {
    throw new Error(`could not inspect the dump key with openpgp in a child process: ${run.stderr || run.error}`);
  }
  return JSON.parse(run.stdout) as DumpKeyFacts;
}
