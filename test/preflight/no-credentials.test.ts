import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';

/**
 * `secure-platform preflight` as a process, with no AWS credentials anywhere (no variables, no profile files, no
 * instance metadata) and an endpoint on loopback where nothing listens: it must not say that nothing blocks.
 */
describe('secure-platform preflight without credentials', () => {
  const run = () =>
    spawnSync(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        path.join(__dirname, '../../lib/cli/secure-platform.ts'),
        'preflight',
        '--out',
        REFERENCE_ASSEMBLY_DIR,
        '--endpoint',
        'http://127.0.0.1:9',
      ],
      {
        cwd: path.join(__dirname, '../..'),
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: os.tmpdir(),
          AWS_CONFIG_FILE: path.join(os.tmpdir(), 'no-such-aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(os.tmpdir(), 'no-such-aws-credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
    );

  test('exits 1, saying that nothing was checked and why', () => {
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      '[unknown, blocking] eu-west-1 credentials: could not be checked: no usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers), so nothing was checked. Run it with credentials for account 123456789012',
    );
    expect(r.stdout).toMatch(/^Blocking: 1 finding above\./m);
    expect(r.stdout).not.toMatch(/Nothing blocks|Suggested config/);
  });
});
