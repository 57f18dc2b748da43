import * as fs from 'fs';
import * as path from 'path';

/** The consumer app the README documents, and the README section that shows it. */
export const REPO_ROOT = path.join(__dirname, '../..');
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/consumer-app');
export const README_SECTION = 'Use it in your own CDK app';

/** The fenced code blocks (language, text) of the README section `heading`, in order. */
export function readmeBlocks(heading: string): { lang: string; text: string }[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no section '## ${heading}'`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
}

export function exampleFile(relative: string): string {
  return fs.readFileSync(path.join(EXAMPLE_DIR, relative), 'utf8');
}
