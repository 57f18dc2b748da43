import * as path from 'path';
import { main } from '../../lib/cli/secure-platform';
import { parseVerifyArgs, VERIFY_USAGE } from '../../lib/cli/verify';

describe('secure-platform verify: arguments', () => {
  test('the report goes to cdk.out/verify and the templates come from cdk.out by default', () => {
    expect(parseVerifyArgs([])).toEqual({
      assembly: 'cdk.out',
      out: path.join('cdk.out', 'verify'),
      environment: undefined,
      endpoint: undefined,
    });
    expect(parseVerifyArgs(['--environment', 'prod', '--out', 'reports', '--assembly', 'build/cdk.out'])).toMatchObject(
      {
        environment: 'prod',
        out: 'reports',
        assembly: 'build/cdk.out',
      },
    );
  });

  test('fails when an argument is unknown or lacks its value, naming it and the usage', () => {
    expect(() => parseVerifyArgs(['--environmnet', 'prod'])).toThrow(
      /^unknown argument '--environmnet': use --environment NAME/,
    );
    expect(() => parseVerifyArgs(['--environment'])).toThrow(/--environment needs a value: --environment NAME/);
  });

  test('is a command of secure-platform, with --help', async () => {
    const printed: string[] = [];
    expect(await main(['verify', '--help'], (t) => printed.push(t))).toBe(0);
    expect(printed).toEqual([VERIFY_USAGE]);
    printed.length = 0;
    await main(['--help'], (t) => printed.push(t));
    expect(printed.join('\n')).toMatch(/^ {2}verify +read the deployed account, read-only/m);
  });
});
