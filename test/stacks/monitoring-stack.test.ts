import { Match } from 'aws-cdk-lib/assertions';
import { optedOutTemplate, referenceTemplate } from '../support/reference-assembly';
import { OPTED_OUT_OVERRIDES } from '../support/reference-constants';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

const DETECTOR_TYPES = [
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
  'AWS::SecurityHub::Standard',
  'AWS::AccessAnalyzer::Analyzer',
];

// GIVEN the reference platform and the one with every opt-out, synthesized once by the global setup
describe('MonitoringStack', () => {
  test('records data events on the upload and dump buckets and their replicas by name, with no cross-stack reference', () => {
    const t = referenceTemplate('Monitoring');
    const trail = Object.values(t.findResources('AWS::CloudTrail::Trail'))[0];
    // Advanced selectors (SQS data events need them; a trail takes one kind or the other).
    expect(trail.Properties).not.toHaveProperty('EventSelectors');
    const values = JSON.stringify(trail.Properties.AdvancedEventSelectors);
    for (const name of [
      'ref-uploads-123456789012-eu-west-1',
      'ref-dumps-123456789012-eu-west-1',
      'ref-uploads-replica-123456789012-eu-central-1',
      'ref-dumps-replica-123456789012-eu-central-1',
    ]) {
      expect(values).toContain(`:s3:::${name}/`);
    }
    expect(JSON.stringify(t.toJSON())).not.toMatch(/Fn::ImportValue|Fn::GetStackOutput/);
  });

  test('subscribes the configured alert address to the encrypted alert topic', () => {
    const t = referenceTemplate('Monitoring');
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@pocketcity.example' });
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('declares no account singleton: the detectors are in the ThreatDetection stacks', () => {
    const t = referenceTemplate('Monitoring');
    for (const type of DETECTOR_TYPES) t.resourceCountIs(type, 0);
  });

  test('watches the trail log group with the CIS alarms', () => {
    const t = referenceTemplate('Monitoring');
    t.resourceCountIs('AWS::Logs::MetricFilter', 9);
    expect(
      Object.values(t.findResources('AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties.Namespace === 'PocketCity/CISBenchmark',
      ),
    ).toHaveLength(9);
  });

  test('alarms on replication failure and latency for both replicated buckets, and on a missing dump', () => {
    const t = referenceTemplate('Monitoring');
    const s3Alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm'))
      .filter((a) => a.Properties.Namespace === 'AWS/S3')
      .map((a) => a.Properties.MetricName as string)
      .sort();
    expect(s3Alarms).toEqual([
      'OperationsFailedReplication',
      'OperationsFailedReplication',
      'PutRequests',
      'ReplicationLatency',
      'ReplicationLatency',
    ]);
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledgedFindingsUnder('ref/Monitoring/')).toEqual([]);
  });

  test('the Stripe secrets in the service stack have no unacknowledged finding either', () => {
    expect(unacknowledgedFindingsUnder('ref/Service/StripeSecrets/')).toEqual([]);
  });
});

describe('MonitoringStack with the singletons left to the organisation and the account', () => {
  test('keeps the trail and the alerts, and records each mode other than create as an opt-out', () => {
    // GIVEN threatDetection modes organization / existing (with the other opt-outs, which leave monitoring alone)
    const t = optedOutTemplate('Monitoring');
    // THEN
    t.resourceCountIs('AWS::CloudTrail::Trail', 1);
    // 4 finding and backup rules, 2 restore-test rules (restore failed, validation failed), Config non-compliance
    // (claims, and account hygiene apart), 2 dump task rules, the security.txt reminder
    t.resourceCountIs('AWS::Events::Rule', 11);
    expect(t.toJSON().Metadata['PocketCity::Platform'].optOuts).toEqual({
      ...OPTED_OUT_OVERRIDES.optOuts,
      guardDutyMode: 'organization',
      securityHubMode: 'organization',
      accessAnalyzerMode: 'existing',
      configMode: 'existing',
    });
  });
});
