import { optedOutTemplate, referenceTemplate } from '../support/reference-assembly';
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
    referenceTemplate('RecoveryThreatDetection').resourceCountIs('AWS::Events::Rule', 3);
    optedOutTemplate('RecoveryThreatDetection').resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    optedOutTemplate('RecoveryThreatDetection').resourceCountIs('AWS::Events::Rule', 3);
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledgedFindingsUnder('ref/ThreatDetection/')).toEqual([]);
    expect(unacknowledgedFindingsUnder('ref/RecoveryThreatDetection/')).toEqual([]);
  });
});
