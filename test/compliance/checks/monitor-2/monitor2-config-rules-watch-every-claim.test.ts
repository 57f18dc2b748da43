import type { Check } from '../../../../lib/compliance/checks/check';
import { configRulesWatchEveryClaim as check } from '../../../../lib/compliance/checks/monitor-2/monitor2-config-rules-watch-every-claim';
import {
  configRuleName,
  CONTINUOUS_CONFIG_RULES,
  PLATFORM_TAG_KEY,
  PlatformRegionRole,
  WatchedBucket,
} from '../../../../lib/core/requirements/continuous-config-rules';
import {
  Change,
  edited,
  inRegion,
  modelOf,
  onPlatform,
  outcomes,
  PRIMARY,
  RECOVERY,
} from '../../../support/check-fixtures';
import type { RawJson } from '../../../support/claims-support';

/** The Config rules of the requirements table for one region, as the platform declares them. */
function rulesFor(role: PlatformRegionRole, region: string): Record<string, RawJson> {
  const resources: Record<string, RawJson> = {};
  for (const requirement of CONTINUOUS_CONFIG_RULES) {
    const scope = requirement.regions[role];
    if (!scope) continue;
    const buckets: (WatchedBucket | undefined)[] = typeof scope === 'string' ? [undefined] : [...scope];
    const tagged = scope === 'platform' && requirement.trigger === 'change';
    for (const bucket of buckets) {
      const id = `${requirement.identifier}${bucket ?? ''}`.replace(/[^A-Za-z0-9]/g, '');
      resources[id] = {
        Type: 'AWS::Config::ConfigRule',
        Properties: {
          ConfigRuleName: configRuleName('prod', requirement.identifier, bucket, scope === 'hygiene'),
          Source: { Owner: 'AWS', SourceIdentifier: requirement.identifier },
          ...(bucket && {
            Scope: {
              ComplianceResourceTypes: ['AWS::S3::Bucket'],
              ComplianceResourceId: `prod-${bucket}-123456789012-${region}`,
            },
          }),
          ...(tagged && { Scope: { TagKey: PLATFORM_TAG_KEY, TagValue: 'prod' } }),
          ...(requirement.inputParameters && {
            InputParameters: Object.fromEntries(
              Object.entries(requirement.inputParameters).map(([k, v]) => [k, typeof v === 'string' ? v : 'derived']),
            ),
          }),
        },
      };
    }
  }
  resources.NonCompliant = {
    Type: 'AWS::Events::Rule',
    Properties: {
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.config'],
        'detail-type': ['Config Rules Compliance Change'],
        detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] }, configRuleName: [{ prefix: 'prod-' }] },
      },
      Targets: [{ Id: 'Alerts', Arn: 'arn:aws:sns:eu-west-1:123456789012:alerts' }],
    },
  };
  return resources;
}
const primary = onPlatform({ Resources: rulesFor('primary', PRIMARY) });
const recovery = onPlatform({ Resources: rulesFor('recovery', RECOVERY) });
const judged = (primaryChange: Change, recoveryChange: Change = () => {}, subject: Check = check) =>
  outcomes(
    subject,
    modelOf({
      'prod-Monitoring': edited(primary, primaryChange),
      'prod-RecoveryMonitoring': inRegion(RECOVERY, edited(recovery, recoveryChange)),
    }),
  );
const failures = (results: string[]) => results.filter((r) => !r.startsWith('pass '));
const expectedRules = CONTINUOUS_CONFIG_RULES.flatMap((r) =>
  Object.values(r.regions).flatMap((scope) => (typeof scope === 'string' ? [1] : scope.map(() => 1))),
).length;

describe('MONITOR2-ConfigRulesWatchEveryClaim', () => {
  test('Compliance', () => {
    const results = judged(() => {});
    expect(failures(results)).toEqual([]);
    // One result per rule and scope of the table, then one per region for the alerting.
    expect(results).toHaveLength(expectedRules + 2);
    expect(results).toContain(
      'pass S3BUCKETVERSIONINGENABLEDuploadsreplica: prod, eu-central-1: S3_BUCKET_VERSIONING_ENABLED on the uploads-replica bucket (DATA-4): rule S3BUCKETVERSIONINGENABLEDuploadsreplica',
    );
    expect(results.slice(-2)).toEqual([
      'pass NonCompliant: prod, eu-west-1: Config rules prod-* turning NON_COMPLIANT are routed by NonCompliant',
      'pass NonCompliant: prod, eu-central-1: Config rules prod-* turning NON_COMPLIANT are routed by NonCompliant',
    ]);
    expect(check.claims[0]).toBe('MONITOR-2');
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': { Resources: primary.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: an account-wide rule missing in the recovery region (or scoped to one resource)', () => {
    const missing = ['fail -: prod, eu-central-1: CLOUD_TRAIL_ENABLED (MONITOR-1): not declared account-wide'];
    expect(
      failures(
        judged(
          () => {},
          (r) => delete r.CLOUDTRAILENABLED,
        ),
      ),
    ).toEqual(missing);
    expect(
      failures(
        judged(
          () => {},
          (r) => (r.CLOUDTRAILENABLED.Properties.Scope = { ComplianceResourceId: 'trail' }),
        ),
      ),
    ).toEqual(missing);
  });

  test('Noncompliance 3: a bucket-scoped rule scoped to another bucket', () => {
    expect(
      failures(
        judged(
          (r) =>
            (r.S3BUCKETREPLICATIONENABLEDdumps.Properties.Scope.ComplianceResourceId =
              'prod-logs-123456789012-eu-west-1'),
        ),
      ),
    ).toEqual([
      'fail -: prod, eu-west-1: S3_BUCKET_REPLICATION_ENABLED on the dumps bucket (DATA-3): not declared for that bucket',
    ]);
  });

  test('Noncompliance 4: a rule with the wrong or missing parameters', () => {
    expect(failures(judged((r) => (r.ELBV2MULTIPLEAZ.Properties.InputParameters.minAvailabilityZones = '2')))).toEqual([
      'fail ELBV2MULTIPLEAZ: prod, eu-west-1: ELBV2_MULTIPLE_AZ (HA-1): rule ELBV2MULTIPLEAZ has minAvailabilityZones = "2", expected minAvailabilityZones = "3"',
    ]);
    expect(
      failures(
        judged(
          () => {},
          (r) => delete r.BACKUPRECOVERYPOINTMINIMUMRETENTIONCHECK.Properties.InputParameters.requiredRetentionDays,
        ),
      ),
    ).toEqual([
      'fail BACKUPRECOVERYPOINTMINIMUMRETENTIONCHECK: prod, eu-central-1: BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK (DATA-2, DATA-3): rule BACKUPRECOVERYPOINTMINIMUMRETENTIONCHECK has requiredRetentionDays = undefined, expected requiredRetentionDays = "<retentionInRegion>"',
    ]);
  });

  test('Noncompliance 5: no enabled rule routes non-compliance in a region', () => {
    const unrouted =
      'fail -: prod, eu-central-1: no enabled EventBridge rule routes Config rules prod-* turning NON_COMPLIANT';
    expect(
      failures(
        judged(
          () => {},
          (r) => (r.NonCompliant.Properties.State = 'DISABLED'),
        ),
      ),
    ).toEqual([unrouted]);
    expect(
      failures(
        judged(
          () => {},
          (r) => (r.NonCompliant.Properties.Targets = []),
        ),
      ),
    ).toEqual([unrouted]);
    expect(
      failures(
        judged(
          () => {},
          (r) => (r.NonCompliant.Properties.EventPattern.detail.configRuleName = [{ prefix: 'staging-' }]),
        ),
      ),
    ).toEqual([unrouted]);
    // Without a name filter every Config rule's non-compliance is routed, the platform's included.
    expect(
      failures(
        judged(
          () => {},
          (r) => delete r.NonCompliant.Properties.EventPattern.detail.configRuleName,
        ),
      ),
    ).toEqual([]);
  });

  // Red from day one: an unscoped resource rule judges the default VPC and every other team's resources, and its
  // findings mail "a claim stopped holding".
  test('Noncompliance 7: a platform rule without the platform tag scope, or a hygiene rule named as a claim', () => {
    expect(failures(judged((r) => delete r.SNSENCRYPTEDKMS.Properties.Scope))).toEqual([
      'fail SNSENCRYPTEDKMS: prod, eu-west-1: SNS_ENCRYPTED_KMS (MONITOR-3): rule SNSENCRYPTEDKMS has no scope pocketcity:platform=prod: it judges every resource of its type in the account',
    ]);
    expect(
      failures(judged((r) => (r.VPCFLOWLOGSENABLED.Properties.ConfigRuleName = 'prod-vpc-flow-logs-enabled'))),
    ).toEqual([
      'fail VPCFLOWLOGSENABLED: prod, eu-west-1: VPC_FLOW_LOGS_ENABLED (TRANSIT-2): rule VPCFLOWLOGSENABLED judges the whole account but is named "prod-vpc-flow-logs-enabled", not hygiene-prod-*: its findings would alert as a claim that stopped holding',
    ]);
  });

  test('Noncompliance 6: an infrastructure claim with no rule and no reason', () => {
    jest.isolateModules(() => {
      jest.doMock('../../../../lib/core/requirements/continuous-config-rules', () => ({
        ...jest.requireActual('../../../../lib/core/requirements/continuous-config-rules'),
        CLAIMS_WITHOUT_CONFIG_RULE: {},
      }));
      const isolated = jest.requireActual<{ configRulesWatchEveryClaim: Check }>(
        '../../../../lib/compliance/checks/monitor-2/monitor2-config-rules-watch-every-claim',
      );
      expect(
        failures(
          judged(
            () => {},
            () => {},
            isolated.configRulesWatchEveryClaim,
          ),
        ),
      ).toEqual(['fail -: RESPONSE-1: no AWS Config rule in the requirements table and no reason why none']);
    });
    jest.dontMock('../../../../lib/core/requirements/continuous-config-rules');
  });
});
