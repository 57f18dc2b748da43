import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { ThreatDetectionStack } from '../../lib/stacks/threat-detection-stack';
import { optedOutTemplate, referenceTemplate } from '../support/reference-assembly';
import { TEST_NOW } from '../support/reference-constants';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

const DETECTOR_TYPES = [
  'AWS::GuardDuty::Detector',
  'AWS::SecurityHub::Hub',
  'AWS::SecurityHub::Standard',
  'AWS::AccessAnalyzer::Analyzer',
];

// GIVEN the reference platform (every mode 'create') and the opted-out one, synthesized once by the global setup
describe('ThreatDetectionStack', () => {
  test.each(['ThreatDetection', 'RecoveryThreatDetection'])(
    '%s declares GuardDuty, Security Hub with FSBP and Access Analyzer by default',
    (stackId) => {
      const t = referenceTemplate(stackId);
      for (const type of DETECTOR_TYPES) t.resourceCountIs(type, 1);
    },
  );

  test('the recovery one deploys to the recovery region', () => {
    const standard = Object.values(
      referenceTemplate('RecoveryThreatDetection').findResources('AWS::SecurityHub::Standard'),
    );
    expect(JSON.stringify(standard[0].Properties.StandardsArn)).toContain(':securityhub:eu-central-1::standards/');
  });

  test.each(['ThreatDetection', 'RecoveryThreatDetection'])(
    '%s declares no singleton left to the organisation or the account',
    (stackId) => {
      const t = optedOutTemplate(stackId);
      for (const type of DETECTOR_TYPES) t.resourceCountIs(type, 0);
    },
  );

  // Config.1 (Critical) fails where a control needs resource types the recorder does not record.
  test('disables the controls that judge global (IAM) resources in the recovery region only, with the reason', () => {
    const disabled = (stackId: string) =>
      (Object.values(referenceTemplate(stackId).findResources('AWS::SecurityHub::Standard'))[0].Properties
        .DisabledStandardsControls ?? []) as { StandardsControlArn: unknown; Reason: string }[];
    expect(disabled('ThreatDetection')).toEqual([]);
    const recovery = disabled('RecoveryThreatDetection');
    expect(recovery.map((c) => JSON.stringify(c.StandardsControlArn).match(/\/([A-Z0-9]+\.\d+)"/)?.[1])).toEqual(
      expect.arrayContaining(['IAM.1', 'IAM.6', 'IAM.21', 'KMS.1']),
    );
    expect(JSON.stringify(recovery[0].StandardsControlArn)).toContain(
      ':securityhub:eu-central-1:123456789012:control/aws-foundational-security-best-practices/v/1.0.0/IAM.1',
    );
    expect(recovery.every((c) => c.Reason.includes('primary region'))).toBe(true);
  });

  test('records global resource types (IAM) once, in the primary region', () => {
    const global = (stackId: string) =>
      Object.values(referenceTemplate(stackId).findResources('AWS::Config::ConfigurationRecorder'))[0].Properties
        .RecordingGroup.IncludeGlobalResourceTypes;
    expect([global('ThreatDetection'), global('RecoveryThreatDetection')]).toEqual([true, false]);
  });

  test('records with the Config service-linked role and keeps the delivery bucket and key on deletion', () => {
    const t = referenceTemplate('ThreatDetection');
    t.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
    });
    t.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    expect(Object.values(t.findResources('AWS::S3::Bucket')).map((b) => b.DeletionPolicy)).toEqual([
      'Retain',
      'Retain',
    ]);
  });

  test('only the recovery one forwards findings, and declares no recorder when config is left to the account', () => {
    referenceTemplate('ThreatDetection').resourceCountIs('AWS::Events::Rule', 0);
    // GuardDuty, Security Hub, the claim rules' and the hygiene rules' non-compliance, failed restore tests (restore
    // and validation: the recovery region runs a restore testing plan).
    referenceTemplate('RecoveryThreatDetection').resourceCountIs('AWS::Events::Rule', 6);
    optedOutTemplate('RecoveryThreatDetection').resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    optedOutTemplate('RecoveryThreatDetection').resourceCountIs('AWS::Events::Rule', 6);
  });

  test("forwards failed restore tests with the primary's own patterns, and only while restore testing runs", () => {
    // GIVEN the primary's alert rules and the recovery region's forwarding rules, by the roles they declare
    const patterns = (t: Template, role: string) =>
      Object.values(t.findResources('AWS::Events::Rule', { Metadata: { 'PocketCity::Roles': [role] } })).map(
        (r) => (r.Properties as { EventPattern: unknown }).EventPattern,
      );
    const forwarded = patterns(referenceTemplate('RecoveryThreatDetection'), 'restore-test-forwarding-rule');
    // THEN each failing state the primary alerts on is forwarded, pattern for pattern
    expect(forwarded).toHaveLength(2);
    expect(forwarded).toEqual(patterns(referenceTemplate('Monitoring'), 'restore-test-alert-rule'));
    expect(forwarded).toContainEqual(
      expect.objectContaining({ detail: expect.objectContaining({ status: ['FAILED', 'ABORTED'] }) }),
    );
    // WHEN restore testing is off, no restore testing plan runs in the recovery region: nothing to forward
    const config = resolvePlatformConfig(
      referencePlatformConfig({ backup: { restoreTesting: { enabled: false } } }, TEST_NOW),
      TEST_NOW,
    );
    const off = new ThreatDetectionStack(new App(), 'Off', {
      config,
      env: { account: config.account, region: config.recoveryRegion.region },
      forwardFindingsTo: config.primaryRegion.region,
    });
    Template.fromStack(off).resourceCountIs('AWS::Events::Rule', 4);
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledgedFindingsUnder('ref/ThreatDetection/')).toEqual([]);
    expect(unacknowledgedFindingsUnder('ref/RecoveryThreatDetection/')).toEqual([]);
  });
});
