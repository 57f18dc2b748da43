import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { VerifyReport } from '../../lib/cli/verify';
import { runCliWithoutCredentials } from '../support/cli-without-credentials';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';

/**
 * `secure-platform verify` as a process, with no AWS credentials anywhere (no variables, no profile files, no
 * instance metadata) and an endpoint on loopback where nothing listens: it fails closed, naming why.
 */
describe('secure-platform verify without credentials', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-no-credentials-'));
  const run = () =>
    runCliWithoutCredentials([
      'verify',
      '--assembly',
      REFERENCE_ASSEMBLY_DIR,
      '--out',
      out,
      '--endpoint',
      'http://127.0.0.1:9',
    ]);

  test('exits 1, every claim UNKNOWN (none verified), naming the missing credentials, and still writes the report', () => {
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'UNKNOWN        DATA-1 Written to multiple disks instantly: 0 failing, 1 not read, of 1 facts: credentials credentials: no usable AWS credentials (CredentialsProviderError: Could not load credentials from any providers), so nothing was read. Run it with credentials for account 123456789012',
    );
    expect(r.stdout).toMatch(/NOT every claim verified in the account \(exit 1\)\.$/m);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'verify-report.json'), 'utf8')) as VerifyReport;
    expect(report.verified).toBe(false);
    expect(report.account).toBeUndefined();
    expect(new Set(report.claims.map((c) => c.status))).toEqual(new Set(['UNKNOWN', 'organisational']));
    expect(fs.readFileSync(path.join(out, 'verify-report.md'), 'utf8')).toContain(
      '| account | not read (no usable credentials) |',
    );
  });
});
