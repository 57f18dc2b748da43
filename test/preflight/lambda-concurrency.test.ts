import { concurrencyFindings, TemplateFunction } from '../../lib/cli/preflight/lambda-concurrency';

/** Lambda's rule on reserved concurrency, on the figures GetAccountSettings returns. */
describe('Lambda concurrency', () => {
  const bootstrap: TemplateFunction = { stackName: 'prod-Data', logicalId: 'Bootstrap', reserved: 1 };
  const handler: TemplateFunction = { stackName: 'prod-Network', logicalId: 'Handler' };
  const account = (quota: number, unreserved = quota) => ({
    ConcurrentExecutions: quota,
    UnreservedConcurrentExecutions: unreserved,
  });

  test('Compliance: a reservation that leaves at least 100 unreserved', () => {
    expect(concurrencyFindings('eu-west-1', account(1000), [bootstrap, handler])).toEqual([]);
    expect(concurrencyFindings('eu-west-1', account(101), [bootstrap, handler])).toEqual([]);
  });

  test('Compliance: no reservation in a new account (quota 10)', () => {
    expect(concurrencyFindings('eu-west-1', account(10), [handler, { ...handler, logicalId: 'Other' }])).toEqual([]);
  });

  test('Noncompliance 1: any reservation in a new account (quota 10): Lambda keeps all 10 unreserved', () => {
    expect(concurrencyFindings('eu-west-1', account(10), [bootstrap, handler])).toEqual([
      {
        region: 'eu-west-1',
        kind: 'quota',
        subject: 'Lambda concurrency',
        blocking: true,
        detail:
          "prod-Data/Bootstrap reserves 1 of the account's 10 unreserved (quota 10); Lambda keeps at least 10 unreserved, so CreateFunction fails and the stack rolls back: raise the Lambda quota 'Concurrent executions' (L-B99A9384) in Service Quotas, or deploy without the reservation",
      },
    ]);
  });

  test('Noncompliance 2: a reservation that takes the pool below 100 (others already reserve)', () => {
    const [finding] = concurrencyFindings('eu-west-1', account(1000, 100), [bootstrap]);
    expect(finding.detail).toMatch(
      /^prod-Data\/Bootstrap reserves 1 of the account's 100 unreserved \(quota 1000\); Lambda keeps at least 100/,
    );
  });

  test('Noncompliance 3: too few unreserved executions for the functions to run once each', () => {
    expect(concurrencyFindings('eu-west-1', account(1000, 1), [handler, { ...handler, logicalId: 'Other' }])).toEqual([
      expect.objectContaining({
        kind: 'quota',
        blocking: true,
        detail: expect.stringMatching(
          /^2 functions without a reservation share 1 unreserved executions \(quota 1000\)/,
        ),
      }),
    ]);
  });

  test('Noncompliance 4: figures missing from the answer block as not checked', () => {
    expect(concurrencyFindings('eu-west-1', {}, [bootstrap])).toEqual([
      expect.objectContaining({ kind: 'unknown', blocking: true }),
    ]);
  });
});
