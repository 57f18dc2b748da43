import { configRecordingInBothRegions as check } from '../../../../lib/compliance/checks/monitor-2/monitor2-config-recording-in-both-regions';
import {
  Change,
  edited,
  getAtt,
  inRegion,
  kmsKey,
  modelOf,
  onPlatform,
  outcomes,
  RECOVERY,
  ref,
} from '../../../support/check-fixtures';
import { PLATFORM_METADATA_KEY } from '../../../../lib/core/platform-metadata';

const resources = {
  Key: kmsKey(),
  Recorder: {
    Type: 'AWS::Config::ConfigurationRecorder',
    Properties: { RoleARN: 'arn:aws:iam::123456789012:role/config', RecordingGroup: { AllSupported: true } },
  },
  Channel: {
    Type: 'AWS::Config::DeliveryChannel',
    Properties: { S3BucketName: ref('ConfigBucket'), S3KmsKeyArn: getAtt('Key') },
  },
  ConfigBucket: {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('Key') } },
        ],
      },
    },
  },
};
const judged = (primaryChange: Change, recoveryChange: Change = () => {}, optOuts: Record<string, unknown> = {}) =>
  outcomes(
    check,
    modelOf({
      'prod-Monitoring': edited(onPlatform({ Resources: resources }, optOuts), primaryChange),
      'prod-RecoveryMonitoring': inRegion(
        RECOVERY,
        edited(onPlatform({ Resources: resources }, optOuts), recoveryChange),
      ),
    }),
  );
const passes = (region: string) =>
  `pass Channel: environment prod, ${region}: recorder Recorder (all supported types) delivers through Channel to KMS-encrypted bucket ConfigBucket`;
const none = () => {};
const removeAll: Change = (r) => Object.keys(r).forEach((id) => delete r[id]);

describe('MONITOR2-ConfigRecordingInBothRegions', () => {
  test('Compliance', () => {
    expect(judged(none)).toEqual([passes('eu-west-1'), passes('eu-central-1')]);
    expect(judged(none, none, { configMode: 'create' })).toEqual([passes('eu-west-1'), passes('eu-central-1')]);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': { Resources: resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: the metadata names no recovery region', () => {
    const template = onPlatform({ Resources: resources });
    const metadata = { ...(template.Metadata![PLATFORM_METADATA_KEY] as object), recoveryRegion: undefined };
    expect(
      outcomes(check, modelOf({ 'prod-Monitoring': { ...template, Metadata: { [PLATFORM_METADATA_KEY]: metadata } } })),
    ).toEqual(['fail -: environment prod: its metadata names no primary and recovery region']);
  });

  test('Noncompliance 3: no recorder in the recovery region under create', () => {
    expect(judged(none, removeAll)).toEqual([
      passes('eu-west-1'),
      "fail -: environment prod, eu-central-1: no AWS Config recorder, and threatDetection.config is 'create'",
    ]);
  });

  test('Noncompliance 4: the recorder does not record every supported type', () => {
    expect(judged((r) => (r.Recorder.Properties.RecordingGroup = { ResourceTypes: ['AWS::S3::Bucket'] }))[0]).toBe(
      'fail Recorder: environment prod, eu-west-1: recorder Recorder does not record all supported resource types',
    );
  });

  test('Noncompliance 5: no delivery channel', () => {
    expect(judged((r) => delete r.Channel)[0]).toBe(
      'fail Recorder: environment prod, eu-west-1: recorder Recorder has no delivery channel',
    );
  });

  test('Noncompliance 6: the delivery channel names no customer managed key', () => {
    expect(judged((r) => delete r.Channel.Properties.S3KmsKeyArn)[0]).toBe(
      'fail Channel: environment prod, eu-west-1: delivery channel Channel has no S3KmsKeyArn (not under a customer managed key)',
    );
  });

  test('Noncompliance 7: the delivery bucket is not of this template', () => {
    expect(judged((r) => (r.Channel.Properties.S3BucketName = 'prod-config-elsewhere'))[0]).toBe(
      'fail Channel: environment prod, eu-west-1: delivery channel Channel delivers to no bucket of this template',
    );
  });

  test('Noncompliance 8: the delivery bucket is not encrypted with KMS', () => {
    expect(
      judged(
        (r) =>
          (r.ConfigBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration = [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ]),
      )[0],
    ).toBe('fail ConfigBucket: environment prod, eu-west-1: delivery bucket ConfigBucket is not encrypted with KMS');
  });

  test.each(['existing', 'organization'])(
    'Noncompliance 9: a recorder declared although the config mode is %s',
    (mode) => {
      expect(judged(removeAll, none, { configMode: mode })).toEqual([
        expect.stringMatching(/^weakened -: environment prod, eu-west-1: /),
        `fail Recorder: environment prod, eu-central-1: a configuration recorder is declared although threatDetection.config is '${mode}'; a region has only one, so the deploy collides`,
      ]);
    },
  );

  test('Weakened: recording left to the account (existing) or the organisation (organization)', () => {
    expect(judged(removeAll, removeAll, { configMode: 'existing' })).toEqual(
      ['eu-west-1', 'eu-central-1'].map(
        (region) =>
          `weakened -: environment prod, ${region}: AWS Config recording left to the account's own recorder (threatDetection.config = 'existing'); relied on, not declared or proven here`,
      ),
    );
    expect(judged(removeAll, removeAll, { configMode: 'organization' })).toEqual(
      ['eu-west-1', 'eu-central-1'].map(
        (region) =>
          `weakened -: environment prod, ${region}: AWS Config recording left to the organisation's setup (threatDetection.config = 'organization'); relied on, not declared or proven here`,
      ),
    );
  });
});
