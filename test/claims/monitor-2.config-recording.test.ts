import { configRecordingInBothRegions } from '../../lib/compliance/checks';
import { runChecks } from '../../lib/compliance/checks/run-checks';
import { failuresOf, ofType, passesOf, weakenedReference } from '../support/claims-support';
import { optedOutAssembly, referenceAssembly } from '../support/reference-assembly';

const PLATFORM = 'PocketCity::Platform';

describe('MONITOR-2: AWS Config records in both regions (Security Hub and the Config rules evaluate it)', () => {
  test('the reference records every supported type in both regions into a KMS-encrypted bucket', () => {
    expect(failuresOf(configRecordingInBothRegions, referenceAssembly())).toEqual([]);
    expect(passesOf(configRecordingInBothRegions, referenceAssembly())).toEqual([
      expect.stringMatching(
        /^environment ref, eu-west-1: recorder .* \(all supported types\) delivers through .* to KMS-encrypted bucket/,
      ),
      expect.stringMatching(/^environment ref, eu-central-1: recorder .* \(all supported types\) delivers through/),
    ]);
  });

  test('fails when the recovery region has no recorder under mode create', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'RecoveryThreatDetection') return;
      for (const [logicalId] of ofType(t.Resources, 'AWS::Config::ConfigurationRecorder'))
        delete t.Resources[logicalId];
    });
    expect(failuresOf(configRecordingInBothRegions, weak)).toEqual([
      "environment ref, eu-central-1: no AWS Config recorder, and threatDetection.config is 'create'",
    ]);
  });

  test('fails when the recorder records only some types, and when delivery is not under a customer managed key', () => {
    const weak = weakenedReference((id, t) => {
      for (const [, r] of ofType(t.Resources, 'AWS::Config::ConfigurationRecorder'))
        if (id === 'ThreatDetection')
          r.Properties.RecordingGroup = { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] };
      for (const [, c] of ofType(t.Resources, 'AWS::Config::DeliveryChannel'))
        if (id === 'RecoveryThreatDetection') delete c.Properties.S3KmsKeyArn;
    });
    expect(failuresOf(configRecordingInBothRegions, weak)).toEqual([
      expect.stringMatching(/^environment ref, eu-west-1: recorder .* does not record all supported resource types$/),
      expect.stringMatching(/^environment ref, eu-central-1: delivery channel .* has no S3KmsKeyArn/),
    ]);
  });

  test("reports the account's own recorder as weakened, and fails when one is declared anyway", () => {
    const existing = weakenedReference((_id, t) => {
      for (const [logicalId] of ofType(t.Resources, 'AWS::Config::ConfigurationRecorder'))
        delete t.Resources[logicalId];
      t.Metadata[PLATFORM].optOuts = { configMode: 'existing' };
    });
    const results = runChecks(existing, [configRecordingInBothRegions]);
    expect(results.map((r) => [r.status, r.detail])).toEqual([
      [
        'weakened',
        expect.stringMatching(/^environment ref, eu-west-1: AWS Config recording left to the account's own recorder/),
      ],
      [
        'weakened',
        expect.stringMatching(/^environment ref, eu-central-1: AWS Config recording left to the account's own/),
      ],
    ]);
    const colliding = weakenedReference((_id, t) => {
      t.Metadata[PLATFORM].optOuts = { configMode: 'organization' };
    });
    expect(failuresOf(configRecordingInBothRegions, colliding)).toEqual([
      expect.stringMatching(
        /^environment ref, eu-west-1: a configuration recorder is declared although threatDetection.config is 'organization'/,
      ),
      expect.stringMatching(/^environment ref, eu-central-1: a configuration recorder is declared/),
    ]);
  });

  test('the opted-out platform (config existing) declares no recorder and is weakened, not failing', () => {
    const results = runChecks(optedOutAssembly(), [configRecordingInBothRegions]);
    expect(results.map((r) => r.status)).toEqual(['weakened', 'weakened']);
  });
});
