import * as fs from 'fs';
import * as path from 'path';
import { TESTED_DEPENDENCIES } from '../../lib/cli/init';
import { REPO_ROOT } from './consumer-example';

/**
 * The supported range is tested at both ends: the lowest version each peer range admits is the one the repository
 * and the app `secure-platform init` writes pin (every test and the consumer test run on it), and CI runs scripts/cdk-range.sh for
 * the newest. Raising a floor without the pins (or the reverse) would leave the lowest end untested.
 */
const read = (relative: string): string => fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const installed = (name: string): string =>
  (JSON.parse(read(`node_modules/${name}/package.json`)) as { version: string }).version;

describe('the supported aws-cdk-lib range', () => {
  test.each(['aws-cdk-lib', 'cdk-nag', 'constructs'])(
    "%s: the peer range's lowest version is the one installed and the one init pins",
    (name) => {
      const range = pkg.peerDependencies[name];
      expect(range).toMatch(/^\^\d+\.\d+\.\d+$/);
      const floor = range.slice(1);
      expect({ installed: installed(name), init: TESTED_DEPENDENCIES[name] }).toEqual({
        installed: floor,
        init: floor,
      });
    },
  );

  test('CI tests the newest release of the range with the packed library', () => {
    expect(read('.ci/run')).toMatch(/^bash scripts\/cdk-range\.sh newest$/m);
    expect(read('scripts/cdk-range.sh')).toMatch(/newest\)\n\s+cdk_lib="\$\(peer_newest aws-cdk-lib\)"/);
  });

  test('the README names the range and its tested lowest version', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('### Supported versions, upgrades and feature flags'));
    expect(section).toContain(`aws-cdk-lib \`${pkg.peerDependencies['aws-cdk-lib']}\``);
    expect(section).toContain(`aws-cdk-lib ${pkg.peerDependencies['aws-cdk-lib'].slice(1)}`);
  });
});
