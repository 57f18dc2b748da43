import { Match } from 'aws-cdk-lib/assertions';
import { optedOutTemplate, referenceTemplate } from '../support/reference-assembly';
import { OPTED_OUT_OVERRIDES } from '../support/reference-constants';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

// GIVEN the reference platform and the one with every opt-out, synthesized once by the global setup
describe('MonitoringStack', () => {
  test('records data events on the upload and dump buckets and their replicas by name, with no cross-stack reference', () => {
    const t = referenceTemplate('Monitoring');
    const trail = Object.values(t.findResources('AWS::CloudTrail::Trail'))[0];
    const values = JSON.stringify(trail.Properties.EventSelectors);
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

  test('declares GuardDuty, Security Hub with FSBP and Access Analyzer by default', () => {
    const t = referenceTemplate('Monitoring');
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
    const t = referenceTemplate('Monitoring');
    t.resourceCountIs('AWS::Logs::MetricFilter', 9);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 9);
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledgedFindingsUnder('ref/Monitoring/')).toEqual([]);
  });

  test('the Stripe secrets in the service stack have no unacknowledged finding either', () => {
    expect(unacknowledgedFindingsUnder('ref/Service/StripeSecrets/')).toEqual([]);
  });
});

describe('MonitoringStack with optOuts.delegateThreatDetectionToOrganization', () => {
  test('declares no detector but keeps the trail and the alerts', () => {
    // GIVEN threat detection delegated to the organisation (with the other opt-outs, which leave monitoring alone)
    const t = optedOutTemplate('Monitoring');
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
    expect(t.toJSON().Metadata['PocketCity::Platform'].optOuts).toEqual(OPTED_OUT_OVERRIDES.optOuts);
  });
});
