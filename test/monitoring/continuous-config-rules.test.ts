import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ContinuousConfigRules, ContinuousConfigRulesProps } from '../../lib/monitoring/continuous-config-rules';
import { CONTINUOUS_CONFIG_RULES, ConfigRuleRequirement } from '../../lib/core/requirements/continuous-config-rules';

const BREAK_GLASS = 'arn:aws:iam::123456789012:role/prod-backup-break-glass';
const props: ContinuousConfigRulesProps = {
  environmentName: 'prod',
  region: 'primary',
  bucketNames: { uploads: 'u', dumps: 'd', 'uploads-replica': 'ur', 'dumps-replica': 'dr' },
  backupRetentionDays: 35,
  sslPolicies: ['ELBSecurityPolicy-TLS13-1-2-2021-06'],
  breakGlassPrincipalArns: [BREAK_GLASS],
};
const build = (p: ContinuousConfigRulesProps) =>
  new ContinuousConfigRules(
    new Stack(new App(), 'Rules', { env: { account: '123456789012', region: 'eu-west-1' } }),
    'Rules',
    p,
  );
interface RuleProps {
  ConfigRuleName: string;
  Source: { SourceIdentifier: string };
  Scope?: Record<string, unknown>;
  InputParameters?: Record<string, string>;
}
const rulesOf = (p: ContinuousConfigRulesProps): RuleProps[] =>
  Object.values(Template.fromStack(Stack.of(build(p))).findResources('AWS::Config::ConfigRule')).map(
    (r) => r.Properties as RuleProps,
  );
const rule = (rules: RuleProps[], identifier: string) => rules.filter((r) => r.Source.SourceIdentifier === identifier);

describe('ContinuousConfigRules', () => {
  test('passes the retention and the TLS policies to the rules that take them', () => {
    const parameters = rulesOf(props).map((r) => r.InputParameters ?? {});
    expect(parameters.filter((p) => p.requiredRetentionDays === '35').length).toBeGreaterThan(0);
    expect(parameters.some((p) => Object.values(p).includes('ELBSecurityPolicy-TLS13-1-2-2021-06'))).toBe(true);
    expect(parameters.flatMap((p) => Object.values(p)).filter((v) => v === 'undefined' || v === '')).toEqual([]);
  });

  // The vault's deletion Deny exempts break glass; without principalArnList the rule would judge that exemption.
  test('names the break-glass principals the vault Deny exempts as principalArnList, in both regions', () => {
    for (const region of ['primary', 'recovery'] as const) {
      const [deletion] = rule(rulesOf({ ...props, region }), 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED');
      expect(deletion.InputParameters).toEqual({ principalArnList: BREAK_GLASS });
    }
  });

  // Continuous backups keep at most 35 days: with a longer retention the plan's own rule and the primary vault's
  // recovery points can never reach it, only the copies in the recovery region do.
  test('asks the backup rules for what each region keeps when retention is over 35 days', () => {
    const long = { ...props, backupRetentionDays: 90 };
    const required = (region: 'primary' | 'recovery', identifier: string) =>
      rule(rulesOf({ ...long, region }), identifier)[0]?.InputParameters?.requiredRetentionDays;
    expect(required('primary', 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK')).toBe('35');
    expect(required('primary', 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK')).toBe('35');
    expect(required('recovery', 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK')).toBe('90');
    expect(required('primary', 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK')).not.toBe('90');
  });

  // Red from day one: an unscoped resource rule judges the default VPC and every other team's resources.
  test('scopes every resource rule to the platform, or names it account hygiene', () => {
    const judged = (['primary', 'recovery'] as const).flatMap((region) =>
      rulesOf({ ...props, region }).map((r) => {
        const requirement = CONTINUOUS_CONFIG_RULES.find((q) => q.identifier === r.Source.SourceIdentifier)!;
        const scope = requirement.regions[region];
        const narrowed =
          r.Scope?.TagKey === 'pocketcity:platform' ||
          r.Scope?.ComplianceResourceId !== undefined ||
          Object.keys(r.InputParameters ?? {}).some((k) => ['resourceTags', 'resourceId', 'S3BucketNames'].includes(k));
        return { name: r.ConfigRuleName, hygiene: scope === 'hygiene', narrowed: narrowed || scope !== 'platform' };
      }),
    );
    expect(judged.filter((j) => !j.narrowed)).toEqual([]);
    expect(judged.filter((j) => j.hygiene !== j.name.startsWith('hygiene-prod-'))).toEqual([]);
    expect(judged.filter((j) => !j.hygiene && !j.name.startsWith('prod-'))).toEqual([]);
    const [sns] = rule(rulesOf(props), 'SNS_ENCRYPTED_KMS');
    expect(sns.Scope).toEqual({ TagKey: 'pocketcity:platform', TagValue: 'prod' });
    // Periodic: Config ignores a scope, so the rule's own parameter narrows it.
    const [aurora] = rule(rulesOf(props), 'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN');
    expect(aurora.Scope).toBeUndefined();
    expect(aurora.InputParameters).toEqual({ resourceTags: '{"pocketcity:platform":"prod"}' });
    const [flowLogs] = rule(rulesOf(props), 'VPC_FLOW_LOGS_ENABLED');
    expect(flowLogs.ConfigRuleName).toBe('hygiene-prod-vpc-flow-logs-enabled');
  });

  test('fails at synth when the table gives a periodic rule a scope Config would ignore', () => {
    const periodic: ConfigRuleRequirement = {
      identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
      claims: ['REST-1'],
      watches: 'keys rotate',
      trigger: 'periodic',
      regions: { primary: 'platform' },
    };
    expect(() => build({ ...props, requirements: [periodic] })).toThrow(
      '[ContinuousConfigRules.requirements.periodicScope] Rules/Rules: requirements = "CMK_BACKING_KEY_ROTATION_ENABLED": is periodic and scoped \'"platform"\', but no parameter takes \'platformTag\'. Fix:',
    );
  });

  test.each<[string, Partial<ContinuousConfigRulesProps>, string]>([
    [
      'no retention',
      { backupRetentionDays: undefined },
      '[ContinuousConfigRules.backupRetentionDays] Rules/Rules: backupRetentionDays = undefined: ',
    ],
    [
      'a fractional retention',
      { backupRetentionDays: 3.5 },
      '[ContinuousConfigRules.backupRetentionDays] Rules/Rules: backupRetentionDays = 3.5: ',
    ],
    ['no TLS policy', { sslPolicies: [] }, '[ContinuousConfigRules.sslPolicies] Rules/Rules: sslPolicies = []: '],
    [
      'no break-glass principal',
      { breakGlassPrincipalArns: [] },
      '[ContinuousConfigRules.breakGlassPrincipalArns] Rules/Rules: breakGlassPrincipalArns = []: ',
    ],
  ])('%s fails at synth, naming the setting and the value', (_why, change, message) => {
    expect(() => build({ ...props, ...change })).toThrow(message);
  });
});
