import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ContinuousConfigRules, ContinuousConfigRulesProps } from '../../lib/monitoring/continuous-config-rules';

const props: ContinuousConfigRulesProps = {
  environmentName: 'prod',
  region: 'primary',
  bucketNames: { uploads: 'u', dumps: 'd', 'uploads-replica': 'ur', 'dumps-replica': 'dr' },
  backupRetentionDays: 35,
  sslPolicies: ['ELBSecurityPolicy-TLS13-1-2-2021-06'],
};
const build = (p: ContinuousConfigRulesProps) =>
  new ContinuousConfigRules(
    new Stack(new App(), 'Rules', { env: { account: '123456789012', region: 'eu-west-1' } }),
    'Rules',
    p,
  );

describe('ContinuousConfigRules', () => {
  test('passes the retention and the TLS policies to the rules that take them', () => {
    const template = Template.fromStack(Stack.of(build(props)));
    const parameters = Object.values(template.findResources('AWS::Config::ConfigRule')).map(
      (r) => (r.Properties as { InputParameters?: Record<string, string> }).InputParameters ?? {},
    );
    expect(parameters.filter((p) => p.requiredRetentionDays === '35').length).toBeGreaterThan(0);
    expect(parameters.some((p) => Object.values(p).includes('ELBSecurityPolicy-TLS13-1-2-2021-06'))).toBe(true);
    expect(parameters.flatMap((p) => Object.values(p)).filter((v) => v === 'undefined' || v === '')).toEqual([]);
  });

  test.each<[string, Partial<ContinuousConfigRulesProps>, string]>([
    ['no retention', { backupRetentionDays: undefined }, 'ContinuousConfigRules backupRetentionDays = undefined. Fix:'],
    ['a fractional retention', { backupRetentionDays: 3.5 }, 'ContinuousConfigRules backupRetentionDays = 3.5. Fix:'],
    ['no TLS policy', { sslPolicies: [] }, 'ContinuousConfigRules sslPolicies = []. Fix:'],
  ])('%s fails at synth, naming the setting and the value', (_why, change, message) => {
    expect(() => build({ ...props, ...change })).toThrow(message);
  });
});
