import * as fs from 'fs';
import * as path from 'path';

/**
 * The consumer app a newcomer makes: `secure-platform init` writes it, scripts/fill-consumer-app.js fills it as the
 * README says (config, dump key, own documents, own resources); the README section that shows it.
 */
export const REPO_ROOT = path.join(__dirname, '../..');
export const README_SECTION = 'Use it in your own CDK app';
export const FILL_SCRIPT = path.join(REPO_ROOT, 'scripts/fill-consumer-app.js');

/** What scripts/fill-consumer-app.js exports, for the tests that show or check what it writes. */
export interface FillConsumerApp {
  readonly fillConsumerApp: (dir: string) => Promise<void>;
  readonly WORKLOADS_TS: string;
  readonly DOCUMENTS: readonly string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const fillScript = require(FILL_SCRIPT) as FillConsumerApp;

/**
 * The commands a newcomer runs, in order, as the README shows them; the consumer test runs each (init from the packed
 * tarball instead of the registry, the fill-in by the script).
 */
export const NEWCOMER_COMMANDS = [
  'npx @pocketcity/secure-platform init --dir my-platform',
  'cd my-platform',
  'npm install',
  "npx cdk synth '**'",
  'npx secure-platform evidence --strict --docs security',
];

/** The fenced code blocks (language, text) of the README section `heading`, in order. */
export function readmeBlocks(heading: string): { lang: string; text: string }[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section '## ${heading}'`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** The README section `heading` as text, up to the next `## ` heading. */
export function readmeSection(heading: string): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}
