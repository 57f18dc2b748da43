import { Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { ClaimsChecks } from '../../lib/compliance/packs/claims-checks';
import { ALL_STOCK_PACKS, createStockPacks } from '../../lib/compliance/packs/stock-packs';
import { PlatformFixture, synthPlatform } from '../support/platform-fixture';

interface ScopeValidator {
  validateScope(s: unknown): { violations: { ruleName: string; violatingResources: { constructPath: string }[] }[] };
}

/**
 * Findings of the packs on `scope` that no acknowledgment covers. `validateScope` matches acknowledgments by the
 * bare rule id, while CDK's synth-time validation (which gates `cdk synth`) records them pack-prefixed
 * (`AwsSolutions::AwsSolutions-SMG4`); both forms count here, as they do at synth.
 */
function unacknowledged(scope: IConstruct): string[] {
  const packs = [...createStockPacks(scope, ALL_STOCK_PACKS), new ClaimsChecks()] as unknown as ScopeValidator[];
  const byPath = new Map(scope.node.findAll().map((c) => [c.node.path, c]));
  const acknowledged = (path: string, rule: string): boolean => {
    for (let c: IConstruct | undefined = byPath.get(path); c; c = c.node.scope) {
      for (const entry of c.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        const ids = Object.keys(entry.data as object);
        if (ids.includes(rule) || ids.includes(`${rule.split('-')[0]}::${rule}`)) return true;
      }
    }
    return false;
  };
  return packs.flatMap((p) =>
    p
      .validateScope(scope)
      .violations.flatMap((v) =>
        v.violatingResources
          .filter((r) => !acknowledged(r.constructPath, v.ruleName))
          .map((r) => `${v.ruleName} ${r.constructPath}`),
      ),
  );
}

describe('MonitoringStack', () => {
  let fixture: PlatformFixture;
  beforeAll(() => {
    // GIVEN the reference platform
    fixture = synthPlatform();
  });

  test('records data events on the upload and dump buckets and their replicas by name, with no cross-stack reference', () => {
    const t = fixture.template(fixture.stage.monitoring);
    const trail = Object.values(t.findResources('AWS::CloudTrail::Trail'))[0];
    const values = JSON.stringify(trail.Properties.EventSelectors);
    for (const name of [
      'test-uploads-123456789012-eu-west-1',
      'test-dumps-123456789012-eu-west-1',
      'test-uploads-replica-123456789012-eu-central-1',
      'test-dumps-replica-123456789012-eu-central-1',
    ]) {
      expect(values).toContain(`:s3:::${name}/`);
    }
    expect(JSON.stringify(t.toJSON())).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput/);
  });

  test('subscribes the configured alert address to the encrypted alert topic', () => {
    const t = fixture.template(fixture.stage.monitoring);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@pocketcity.example' });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('declares GuardDuty, Security Hub with FSBP and Access Analyzer by default', () => {
    const t = fixture.template(fixture.stage.monitoring);
    for (const type of [
      'AWS::GuardDuty::Detector',
      'AWS::SecurityHub::Hub',
      'AWS::SecurityHub::Standard',
      'AWS::AccessAnalyzer::Analyzer',
    ]) {
      t.resourceCountIs(type, 1);
    }
  });

  test('watches the trail log group with the CIS alarms', () => {
    const t = fixture.template(fixture.stage.monitoring);
    t.resourceCountIs('AWS::Logs::MetricFilter', 9);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 9);
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledged(fixture.stage.monitoring)).toEqual([]);
  });

  test('the Stripe secrets in the service stack have no unacknowledged finding either', () => {
    expect(unacknowledged(fixture.stage.service.stripeSecrets)).toEqual([]);
  });
});

describe('MonitoringStack with optOuts.delegateThreatDetectionToOrganization', () => {
  test('declares no detector but keeps the trail and the alerts', () => {
    // GIVEN threat detection delegated to the organisation
    const fixture = synthPlatform({ optOuts: { delegateThreatDetectionToOrganization: true } });
    const t = fixture.template(fixture.stage.monitoring);
    // THEN
    for (const type of [
      'AWS::GuardDuty::Detector',
      'AWS::SecurityHub::Hub',
      'AWS::SecurityHub::Standard',
      'AWS::AccessAnalyzer::Analyzer',
    ]) {
      t.resourceCountIs(type, 0);
    }
    t.resourceCountIs('AWS::CloudTrail::Trail', 1);
    t.resourceCountIs('AWS::Events::Rule', 4);
    expect(t.toJSON().Metadata['PocketCity::Platform'].optOuts).toEqual({
      delegateThreatDetectionToOrganization: true,
    });
  });
});
