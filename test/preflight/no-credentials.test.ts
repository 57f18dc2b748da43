import { runCliWithoutCredentials } from '../support/cli-without-credentials';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';

/**
 * `secure-platform preflight` as a process, with no AWS credentials anywhere (no variables, no profile files, no
 * instance metadata) and an endpoint on loopback where nothing listens: it must not say that nothing blocks.
 */
describe('secure-platform preflight without credentials', () => {
  const run = () =>
    runCliWithoutCredentials(['preflight', '--out', REFERENCE_ASSEMBLY_DIR, '--endpoint', 'http://127.0.0.1:9']);

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
