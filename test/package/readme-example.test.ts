import * as fs from 'fs';
import * as path from 'path';
import { CLAIMS } from '../../lib/core/claims/register';
import { appFiles, CONFIG_FILE, TESTED_DEPENDENCIES, TESTED_DEV_DEPENDENCIES } from '../../lib/cli/init';
import {
  fillScript,
  NEWCOMER_COMMANDS,
  README_SECTION,
  readmeBlocks,
  readmeSection,
  REPO_ROOT,
} from './consumer-example';

/**
 * The README's consumer section cannot drift from what `secure-platform init` writes and what consumer.test.ts runs
 * (the packed init, scripts/fill-consumer-app.js, npm install, synth, evidence); and the package ships what that
 * section relies on. The repository keeps no copy of the app: init's sources are the one.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  files: string[];
};
const written = appFiles({ dir: 'my-platform', environment: 'prod', libraryVersion: '0.1.0' });

describe('README: Use it in your own CDK app', () => {
  const blocks = readmeBlocks(README_SECTION);
  const ofLang = (lang: string) => blocks.filter((b) => b.lang === lang).map((b) => b.text);

  test('the commands are a newcomer’s, in order: init, (fill in), npm install, synth, evidence with own documents', () => {
    const [commands] = ofLang('bash');
    const lines = commands
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual(NEWCOMER_COMMANDS);
  });

  test('the config block is platform.config.json as init writes it, character for character', () => {
    expect(ofLang('json')).toEqual([written[CONFIG_FILE]]);
  });

  test('the ts blocks are bin/app.ts as init writes it and the own resources the consumer test adds', () => {
    expect(ofLang('ts')).toEqual([written['bin/app.ts'], fillScript.WORKLOADS_TS]);
  });

  test('the documents the evidence is given are the ones the claims cite, in the folder the commands name', () => {
    const cited = CLAIMS.flatMap((c) => c.documents ?? []).map((d) => d.replace(/^docs\//, ''));
    expect([...fillScript.DOCUMENTS].sort()).toEqual(cited.sort());
    expect(NEWCOMER_COMMANDS).toContain('npx secure-platform evidence --strict --docs security');
  });

  test('the section names every version init pins', () => {
    const section = readmeSection(README_SECTION);
    const pins = { ...TESTED_DEPENDENCIES, ...TESTED_DEV_DEPENDENCIES };
    const named = [...section.matchAll(/(@?[a-z][\w./-]*)@(\d+\.\d+\.\d+)/g)].map((m) => `${m[1]}@${m[2]}`);
    expect([...new Set(named)].sort()).toEqual(
      Object.entries(pins)
        .map(([n, v]) => `${n}@${v}`)
        .sort(),
    );
  });
});

describe('package.json ships what a consumer runs', () => {
  test('the secure-platform command is built from lib/cli/secure-platform.ts, a node script', () => {
    expect(pkg.bin).toEqual({ 'secure-platform': 'dist/lib/cli/secure-platform.js' });
    expect(fs.readFileSync(path.join(REPO_ROOT, 'lib/cli/secure-platform.ts'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
    expect(pkg.files).toContain('dist/lib');
  });

  test("every document a claim cites is in the package's files, and exists", () => {
    const cited = CLAIMS.flatMap((c) => c.documents ?? []);
    expect(cited.sort()).toEqual(['docs/runbooks/breach-notification.md', 'docs/security-response.md']);
    for (const doc of cited) {
      expect(pkg.files).toContain(doc);
      expect(fs.existsSync(path.join(REPO_ROOT, doc))).toBe(true);
    }
  });
});
