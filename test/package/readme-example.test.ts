import * as fs from 'fs';
import * as path from 'path';
import { CLAIMS } from '../../lib/core/claims/register';
import { exampleFile, README_SECTION, readmeBlocks, REPO_ROOT } from './consumer-example';

/**
 * The README's consumer section cannot drift from examples/consumer-app, which consumer.test.ts packs, installs,
 * synthesizes and judges; and the package ships what that section relies on.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  files: string[];
  peerDependencies: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
const example = JSON.parse(exampleFile('package.json')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const installedVersion = (name: string): string =>
  (
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

describe('README: Use it in your own CDK app', () => {
  const blocks = readmeBlocks(README_SECTION);

  test('the app block is examples/consumer-app/bin/app.ts, character for character', () => {
    const ts = blocks.filter((b) => b.lang === 'ts');
    expect(ts).toHaveLength(1);
    expect(ts[0].text).toBe(exampleFile('bin/app.ts'));
  });

  test('the cdk.json block is the example cdk.json', () => {
    expect(blocks.filter((b) => b.lang === 'json').map((b) => b.text)).toEqual([exampleFile('cdk.json')]);
  });

  test('the install commands name the example package.json dependencies, at its versions', () => {
    const install = blocks.find((b) => b.lang === 'bash' && b.text.includes('npm install'))!.text;
    const named = (line: string) =>
      [...line.matchAll(/(@?[\w./-]+)@([\d.]+)|(@pocketcity\/secure-platform)\b/g)].map((m) =>
        m[3] ? [m[3], example.dependencies[m[3]]] : [m[1], m[2]],
      );
    const [runtime, dev] = install.split('\n').filter((l) => l.startsWith('npm install'));
    expect(Object.fromEntries(named(runtime))).toEqual(example.dependencies);
    expect(Object.fromEntries(named(dev))).toEqual(example.devDependencies);
    expect(dev).toMatch(/--save-dev/);
  });

  test("the example pins the versions the repository's own tests run on", () => {
    const { [pkg.name]: library, ...others } = { ...example.dependencies, ...example.devDependencies };
    expect(library).toBe('^0.1.0');
    for (const [name, version] of Object.entries(others))
      expect(`${name}@${version}`).toBe(`${name}@${installedVersion(name)}`);
    // The library's peers are what the consumer installs beside it, so npm shares one aws-cdk-lib.
    // Optional peers (the AGPL flow engine) are the consumer's choice, not part of the example.
    const optional = Object.keys(pkg.peerDependenciesMeta ?? {}).filter((n) => pkg.peerDependenciesMeta?.[n].optional);
    expect(
      Object.keys(pkg.peerDependencies)
        .filter((n) => !optional.includes(n))
        .sort(),
    ).toEqual(
      Object.keys(example.dependencies)
        .filter((n) => n !== pkg.name)
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
