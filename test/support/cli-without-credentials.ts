import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.join(__dirname, '../..');

/**
 * `secure-platform <args>` as a process with no AWS credentials anywhere: no variables, no profile files (both
 * pointed at files that do not exist), no instance metadata. The commands that read an account must fail closed.
 */
export function runCliWithoutCredentials(args: readonly string[]): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(REPO_ROOT, 'lib/cli/secure-platform.ts'), ...args],
    {
      cwd: REPO_ROOT,
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
}
