import { configRulesWatchEveryClaim } from '../../lib/compliance/checks';
import { configRulesByClaim } from '../../lib/compliance/continuity/config-rules-by-claim';
import { CONTINUOUS_CONFIG_RULES } from '../../lib/core/requirements/continuous-config-rules';
import { failuresOf, ofType, passesOf, weakenedReference } from '../support/claims-support';
import { optedOutAssembly, referenceAssembly } from '../support/reference-assembly';

const identifierOf = (r: { Properties: { Source: { SourceIdentifier: string } } }) =>
  r.Properties.Source.SourceIdentifier;

describe('Continuity: AWS Config keeps checking every claim in the running account, in both regions', () => {
  test('the reference declares every required rule, scoped and parameterised as the table says, and alerts', () => {
    expect(failuresOf(configRulesWatchEveryClaim, referenceAssembly())).toEqual([]);
    const passes = passesOf(configRulesWatchEveryClaim, referenceAssembly());
    const expected = CONTINUOUS_CONFIG_RULES.flatMap((r) =>
      Object.values(r.regions).flatMap((scope) => (typeof scope === 'string' ? [1] : scope.map(() => 1))),
    ).length;
    expect(passes).toHaveLength(expected + 2);
    expect(passes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ref, eu-central-1: CLOUD_TRAIL_ENABLED \(MONITOR-1\): rule /),
        expect.stringMatching(/^ref, eu-west-1: S3_BUCKET_REPLICATION_ENABLED on the dumps bucket \(DATA-3\): rule /),
        expect.stringMatching(
          /^ref, eu-west-1: Config rules ref-\* turning NON_COMPLIANT are routed by SecurityAlerts/,
        ),
        expect.stringMatching(
          /^ref, eu-central-1: Config rules ref-\* turning NON_COMPLIANT are routed by FindingForwarding/,
        ),
      ]),
    );
  });

  test('the opted-out platform (config recording left to the account) still declares every rule', () => {
    expect(failuresOf(configRulesWatchEveryClaim, optedOutAssembly())).toEqual([]);
  });

  test('fails when one rule is missing in the recovery region', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'RecoveryThreatDetection') return;
      for (const [logicalId, r] of ofType(t.Resources, 'AWS::Config::ConfigRule'))
        if (identifierOf(r) === 'CLOUD_TRAIL_ENABLED') delete t.Resources[logicalId];
    });
    expect(failuresOf(configRulesWatchEveryClaim, weak)).toEqual([
      'ref, eu-central-1: CLOUD_TRAIL_ENABLED (MONITOR-1): not declared account-wide',
    ]);
  });

  test('fails when a bucket-scoped rule watches the wrong bucket, and when a parameter is weakened', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'ThreatDetection') return;
      for (const [, r] of ofType(t.Resources, 'AWS::Config::ConfigRule')) {
        if (
          identifierOf(r) === 'S3_BUCKET_REPLICATION_ENABLED' &&
          /-dumps-/.test(r.Properties.Scope.ComplianceResourceId)
        )
          r.Properties.Scope.ComplianceResourceId = 'some-other-bucket';
        if (identifierOf(r) === 'ELBV2_MULTIPLE_AZ') r.Properties.InputParameters.minAvailabilityZones = '2';
      }
    });
    expect(failuresOf(configRulesWatchEveryClaim, weak)).toEqual([
      'ref, eu-west-1: S3_BUCKET_REPLICATION_ENABLED on the dumps bucket (DATA-3): not declared for that bucket',
      expect.stringMatching(
        /^ref, eu-west-1: ELBV2_MULTIPLE_AZ \(HA-1\): rule .* has minAvailabilityZones = "2", expected minAvailabilityZones = "3"$/,
      ),
    ]);
  });

  test('fails when non-compliance reaches no EventBridge rule in a region', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [logicalId, r] of ofType(t.Resources, 'AWS::Events::Rule'))
        if (r.Properties.EventPattern?.source[0] === 'aws.config') delete t.Resources[logicalId];
    });
    expect(failuresOf(configRulesWatchEveryClaim, weak)).toEqual([
      'ref, eu-west-1: no enabled EventBridge rule routes Config rules ref-* turning NON_COMPLIANT',
    ]);
  });

  test('lists per claim the Config rules declared in the templates that watch it', () => {
    const byClaim = configRulesByClaim(referenceAssembly());
    expect(byClaim['DATA-3']!.map((r) => `${r.region} ${r.identifier} ${r.resourceId ?? 'account'}`)).toEqual([
      'eu-west-1 S3_BUCKET_REPLICATION_ENABLED ref-uploads-123456789012-eu-west-1',
      'eu-west-1 S3_BUCKET_REPLICATION_ENABLED ref-dumps-123456789012-eu-west-1',
      'eu-west-1 BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK account',
      'eu-central-1 BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK account',
    ]);
    expect(byClaim['MONITOR-2']!.map((r) => r.ruleName)).toEqual(
      expect.arrayContaining(['ref-guardduty-enabled-centralized', 'ref-securityhub-enabled']),
    );
    expect(byClaim['RESPONSE-1']).toBeUndefined();
  });

  test('the mapping follows the templates: a deleted rule disappears from its claim', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId, r] of ofType(t.Resources, 'AWS::Config::ConfigRule'))
        if (identifierOf(r) === 'RDS_CLUSTER_ENCRYPTED_AT_REST') delete t.Resources[logicalId];
    });
    expect(configRulesByClaim(referenceAssembly())['REST-2']!.map((r) => r.identifier)).toContain(
      'RDS_CLUSTER_ENCRYPTED_AT_REST',
    );
    expect(configRulesByClaim(weak)['REST-2']!.map((r) => r.identifier)).toEqual([
      'CMK_BACKING_KEY_ROTATION_ENABLED',
      'RDS_STORAGE_ENCRYPTED',
      'CMK_BACKING_KEY_ROTATION_ENABLED',
    ]);
  });
});
