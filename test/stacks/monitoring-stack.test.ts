import { Match } from 'aws-cdk-lib/assertions';
import { unacknowledgedFindings } from '../support/pack-findings';
import { PlatformFixture, synthPlatform } from '../support/platform-fixture';

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
    expect(unacknowledgedFindings(fixture.stage.monitoring)).toEqual([]);
  });

  test('the Stripe secrets in the service stack have no unacknowledged finding either', () => {
    expect(unacknowledgedFindings(fixture.stage.service.stripeSecrets)).toEqual([]);
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
