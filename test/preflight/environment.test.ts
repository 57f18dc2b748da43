import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parsePreflightArgs, runPreflight } from '../../lib/cli/preflight';
import { selectEnvironment } from '../../lib/cli/preflight/environment';
import { PlatformEnvironment } from '../../lib/compliance/template/template-values';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';

/** The preflight checks the environment it is asked for, and no other. */
describe('which environment the preflight checks', () => {
  const env = (name: string): PlatformEnvironment => ({
    name,
    stacks: [],
    optOuts: {},
    primaryRegion: 'eu-west-1',
    recoveryRegion: 'eu-central-1',
  });

  test('the one asked for, wherever it stands in the assembly', () => {
    expect(selectEnvironment([env('prod'), env('staging')], 'staging', 'cdk.out').env.name).toBe('staging');
  });

  test("the assembly's only one when none is asked for", () => {
    expect(selectEnvironment([env('staging')], undefined, 'cdk.out').env.name).toBe('staging');
  });

  test('fails when the one asked for is not there, naming those that are (never another in its place)', () => {
    expect(() => selectEnvironment([env('prod')], 'staging', 'cdk.out')).toThrow(
      "environment 'staging' is not in cdk.out, which holds 'prod': synthesize it (npx cdk synth '**') or name one of those",
    );
  });

  test('fails when there are several and none is asked for', () => {
    expect(() => selectEnvironment([env('prod'), env('staging')], undefined, 'cdk.out')).toThrow(
      "cdk.out holds the environments 'prod', 'staging': name the one to check with --environment NAME",
    );
  });

  test('the reference assembly asked for prod: refused before any call', async () => {
    await expect(runPreflight({ outdir: REFERENCE_ASSEMBLY_DIR, environment: 'prod' })).rejects.toThrow(
      /^environment 'prod' is not in .*, which holds 'ref'/,
    );
  });
});

describe('secure-platform preflight: arguments', () => {
  const configFile = (content: object) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-config-')), 'platform.json');
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  };

  test('--environment, --out and --endpoint', () => {
    expect(
      parsePreflightArgs(['--environment', 'staging', '--out', 'out', '--endpoint', 'http://127.0.0.1:5000']),
    ).toEqual({ outdir: 'out', environment: 'staging', endpoint: 'http://127.0.0.1:5000' });
    expect(parsePreflightArgs([])).toEqual({ outdir: 'cdk.out', environment: undefined, endpoint: undefined });
  });

  test("--config takes the config file's environmentName", () => {
    expect(parsePreflightArgs(['--config', configFile({ environmentName: 'staging' })]).environment).toBe('staging');
  });

  test('fails when --config and --environment disagree, or the file names no environment', () => {
    expect(() =>
      parsePreflightArgs(['--environment', 'prod', '--config', configFile({ environmentName: 'staging' })]),
    ).toThrow(/^--environment prod and --config .* \(environmentName 'staging'\) disagree: give one/);
    expect(() => parsePreflightArgs(['--config', configFile({})])).toThrow(
      /sets no environmentName: give --environment NAME/,
    );
  });

  test('fails on an unknown argument or a missing value, with the usage', () => {
    expect(() => parsePreflightArgs(['--env', 'prod'])).toThrow(
      /^unknown argument '--env': use --environment NAME, --config FILE, --out DIR or --endpoint URL\n\nUsage: secure-platform preflight/,
    );
    expect(() => parsePreflightArgs(['--environment'])).toThrow(/^--environment needs a value: --environment NAME/);
  });
});
