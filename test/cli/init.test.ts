import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateKey } from 'openpgp';
import {
  CONFIG_FILE,
  DUMP_KEY_FILE,
  INIT_USAGE,
  initApp,
  InitRefusedError,
  parseInitArgs,
  TESTED_DEPENDENCIES,
  TESTED_DEV_DEPENDENCIES,
  TESTED_FEATURE_FLAGS,
} from '../../lib/cli/init';
import { main } from '../../lib/cli/secure-platform';
import { PlatformConfigError } from '../../lib/core/errors';
import { loadPlatformConfigFile } from '../../lib/config/load-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { TEST_NOW } from '../support/reference-constants';

const REPO_ROOT = path.join(__dirname, '../..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const repoPackage = readJson<{
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}>(path.join(REPO_ROOT, 'package.json'));
const installed = (name: string): string =>
  readJson<{ version: string }>(path.join(REPO_ROOT, 'node_modules', name, 'package.json')).version;

const EXPECTED_FILES = ['cdk.json', 'tsconfig.json', 'package.json', 'bin/app.ts', CONFIG_FILE, DUMP_KEY_FILE];
let root: string;
const fresh = (name: string): string => path.join(root, name);

/** What bin/app.ts does before it builds the stage: the config file merged over the reference, its key beside it. */
function loadAsTheApp(dir: string) {
  const gpgPublicKey = fs.readFileSync(path.join(dir, DUMP_KEY_FILE), 'utf8');
  const base = referencePlatformConfig({ dump: { gpgPublicKey } }, TEST_NOW);
  return loadPlatformConfigFile(path.join(dir, CONFIG_FILE), base, TEST_NOW);
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-platform-init-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('secure-platform init', () => {
  test('writes the app: cdk.json, tsconfig.json, package.json, bin/app.ts, the config and the dump key file', () => {
    // WHEN
    const dir = fresh('my-app');
    const result = initApp({ dir, environment: 'staging', force: false });
    // THEN
    expect(result.written).toEqual(EXPECTED_FILES);
    for (const f of EXPECTED_FILES) expect(`${f}: ${fs.existsSync(path.join(dir, f))}`).toBe(`${f}: true`);
    expect(result.nextSteps).toMatch(/Fill in platform\.config\.json[\s\S]*npm install[\s\S]*npx cdk synth '\*\*'/);
    const config = readJson<{ environmentName: string }>(path.join(dir, CONFIG_FILE));
    expect(config.environmentName).toBe('staging');
    const app = fs.readFileSync(path.join(dir, 'bin/app.ts'), 'utf8');
    expect(app).toContain("from '@pocketcity/secure-platform'");
    expect(app).toContain('new PlatformStage(new App(), config.environmentName, { config, now })');
  });

  test("cdk.json runs bin/app.ts with ts-node and sets the feature flags the library is tested with (cdk init's)", () => {
    const dir = fresh('my-app');
    const cdkJson = readJson<{ app: string; context: Record<string, unknown> }>(path.join(dir, 'cdk.json'));
    expect(cdkJson.app).toBe('npx ts-node --prefer-ts-exts bin/app.ts');
    const repoFlags = readJson<{ context: Record<string, unknown> }>(path.join(REPO_ROOT, 'cdk.json')).context;
    const recommended = readJson<Record<string, unknown>>(
      path.join(REPO_ROOT, 'node_modules/aws-cdk-lib/recommended-feature-flags.json'),
    );
    expect(cdkJson.context).toEqual(TESTED_FEATURE_FLAGS);
    expect(TESTED_FEATURE_FLAGS).toEqual(repoFlags);
    expect(TESTED_FEATURE_FLAGS).toEqual(recommended);
  });

  test('package.json pins the versions the repository installs and tests, and the library at its own version', () => {
    const dir = fresh('my-app');
    const pkg = readJson<{
      name: string;
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    }>(path.join(dir, 'package.json'));
    expect(pkg.name).toBe('my-app');
    expect(Object.keys(pkg.scripts)).toEqual(['synth', 'evidence', 'test']);
    expect(pkg.scripts.test).toBe("tsc --noEmit && cdk synth '**' --quiet && secure-platform evidence --strict");
    expect(pkg.dependencies).toEqual({ '@pocketcity/secure-platform': repoPackage.version, ...TESTED_DEPENDENCIES });
    expect(pkg.devDependencies).toEqual(TESTED_DEV_DEPENDENCIES);
    // Each pin is what the repository's own tests run on, and inside the range the library declares.
    for (const [name, version] of Object.entries({ ...TESTED_DEPENDENCIES, ...TESTED_DEV_DEPENDENCIES })) {
      expect(`${name}@${version}`).toBe(`${name}@${installed(name)}`);
      const range = repoPackage.peerDependencies[name] ?? repoPackage.devDependencies[name];
      expect(`${name}: ${range.replace(/^[\^~]/, '')}`).toMatch(new RegExp(`^${name}: ${version.split('.')[0]}\\.`));
    }
    // Every non-optional peer is a dependency of the app, so the app and the library share one aws-cdk-lib.
    expect(Object.keys(TESTED_DEPENDENCIES).sort()).toEqual(
      ['aws-cdk-lib', 'cdk-nag', 'constructs'].filter((n) => n in repoPackage.peerDependencies),
    );
  });

  test('tsconfig.json is CommonJS with node types, which ts-node needs on Node 22 and 24', () => {
    const tsconfig = readJson<{ compilerOptions: Record<string, unknown>; 'ts-node': object }>(
      path.join(fresh('my-app'), 'tsconfig.json'),
    );
    expect(tsconfig.compilerOptions).toMatchObject({ module: 'commonjs', strict: true, types: ['node'] });
    expect(tsconfig['ts-node']).toEqual({ transpileOnly: true });
  });

  test('fails when a file exists, naming each and writing nothing; --force overwrites', () => {
    // GIVEN a folder with a cdk.json and a package.json of its own
    const dir = fresh('taken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'cdk.json'), '{"app":"mine"}');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    // WHEN / THEN
    expect(() => initApp({ dir, environment: 'prod', force: false })).toThrow(InitRefusedError);
    expect(() => initApp({ dir, environment: 'prod', force: false })).toThrow(
      `init writes nothing: ${dir} already has cdk.json, package.json. Move them away, choose another folder with --dir DIR, or overwrite them with --force`,
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['cdk.json', 'package.json']);
    expect(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8')).toBe('{"app":"mine"}');
    // WHEN forced
    initApp({ dir, environment: 'prod', force: true });
    expect(readJson<{ app: string }>(path.join(dir, 'cdk.json')).app).toContain('bin/app.ts');
  });

  test('fails validation as written, naming each placeholder and what to put there', async () => {
    // GIVEN the app as init writes it
    const dir = fresh('unfilled');
    initApp({ dir, environment: 'prod', force: false });
    // WHEN
    const error = await loadAsTheApp(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    // THEN one error, naming the file and every placeholder, and nothing else
    expect(error).toBeInstanceOf(PlatformConfigError);
    const { message, violations } = error as PlatformConfigError;
    expect(message).toContain(`Invalid platform config in ${path.join(dir, CONFIG_FILE)} for environment 'prod'`);
    expect(violations.map((v) => v.setting)).toEqual([
      'account',
      'primaryRegion.region',
      'primaryRegion.availabilityZones[0]',
      'recoveryRegion.region',
      'recoveryRegion.availabilityZones[0]',
      'domainName',
      'certificateArn',
      'alertEmails[0]',
      'securityContact.contacts[0]',
      'securityContact.policyUrl',
      'dump.gpgPublicKey',
    ]);
    for (const v of violations) {
      expect(`${v.setting}: ${v.problem}`).toBe(`${v.setting}: is a placeholder that secure-platform init wrote`);
      expect(v.fix).toMatch(/^replace it with .{20,}/);
    }
    expect(violations.find((v) => v.setting === 'dump.gpgPublicKey')?.fix).toContain(
      `gpg --armor --export KEY-ID > ${DUMP_KEY_FILE}`,
    );
  });

  test('passes validation once the config and the dump key are filled in', async () => {
    // GIVEN the written app, filled in with a team's own values and a freshly generated dump key
    const dir = fresh('filled');
    initApp({ dir, environment: 'prod', force: false });
    const { publicKey } = await generateKey({
      type: 'curve25519',
      userIDs: [{ name: 'acme dumps', email: 'dumps@acme-widgets.dev' }],
      date: new Date(TEST_NOW.getTime() - 60_000),
      format: 'armored',
    });
    fs.writeFileSync(path.join(dir, DUMP_KEY_FILE), publicKey);
    const written = readJson<object>(path.join(dir, CONFIG_FILE));
    fs.writeFileSync(
      path.join(dir, CONFIG_FILE),
      JSON.stringify({
        ...written,
        account: '444455556666',
        primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
        recoveryRegion: {
          region: 'eu-central-1',
          availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
        },
        domainName: 'app.acme-widgets.dev',
        certificateArn: 'arn:aws:acm:eu-west-1:444455556666:certificate/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
        alertEmails: ['security-alerts@acme-widgets.dev'],
        securityContact: {
          contacts: ['mailto:security@acme-widgets.dev'],
          policyUrl: 'https://acme-widgets.dev/security',
        },
      }),
    );
    // WHEN / THEN
    const config = await loadAsTheApp(dir);
    expect(config).toMatchObject({
      account: '444455556666',
      environmentName: 'prod',
      dump: { gpgPublicKey: publicKey },
    });
  });
});

describe('secure-platform init: the command line', () => {
  test('defaults to the current folder and prod', () => {
    expect(parseInitArgs([])).toEqual({ dir: '.', environment: 'prod', force: false });
    expect(parseInitArgs(['--dir', 'x', '--environment', 'dev', '--force'])).toEqual({
      dir: 'x',
      environment: 'dev',
      force: true,
    });
  });

  test('fails on an unknown argument, a missing value or a bad environment name, with the usage', () => {
    expect(() => parseInitArgs(['--dri', 'x'])).toThrow(/^unknown argument '--dri': use --dir DIR, --environment NAME/);
    expect(() => parseInitArgs(['--dir'])).toThrow(/^--dir needs a value: --dir DIR/);
    expect(() => parseInitArgs(['--environment', 'Prod'])).toThrow(/is not a lower-case name of 2-16 letters/);
    expect(() => parseInitArgs(['--force', '--bogus'])).toThrow(INIT_USAGE);
  });

  test('init --help prints its usage and writes nothing', async () => {
    const printed: string[] = [];
    const before = fs.readdirSync(process.cwd());
    expect(await main(['init', '--help'], (t) => printed.push(t))).toBe(0);
    expect(printed).toEqual([INIT_USAGE]);
    expect(INIT_USAGE).toMatch(/^Usage: secure-platform init \[--dir DIR\] \[--environment NAME\] \[--force\]/);
    expect(fs.readdirSync(process.cwd())).toEqual(before);
  });

  test('init --dir DIR writes the app and prints the next steps', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const dir = fresh('from-cli');
    expect(await main(['init', '--dir', dir])).toBe(0);
    expect(fs.existsSync(path.join(dir, 'bin/app.ts'))).toBe(true);
    expect(log.mock.calls.join('\n')).toContain(`Wrote ${EXPECTED_FILES.join(', ')} into ${dir}.`);
    log.mockRestore();
  });
});
