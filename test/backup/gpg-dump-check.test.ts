import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { dumpKeyIdOf, GpgDumpCheck, GpgDumpCheckProps } from '../../lib/backup/gpg-dump-check';
import { AccessLogBucket } from '../../lib/data/access-log-bucket';
import { EncryptedUploadBucket } from '../../lib/data/encrypted-upload-bucket';
import { referenceTemplate, REFERENCE_ENVIRONMENT } from '../support/reference-assembly';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

const KEY_ID = '0123456789abcdef';

function build(overrides: Partial<GpgDumpCheckProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
  });
  const bucket = new EncryptedUploadBucket(stack, 'Dumps', {
    encryptionKey: new kms.Key(stack, 'DataKey'),
    serverAccessLogsBucket: new AccessLogBucket(stack, 'Logs').bucket,
    allowSingleRegion: true,
  });
  const check = new GpgDumpCheck(stack, 'DumpCheck', {
    vpc,
    bucket,
    recipientKeyIds: [KEY_ID.toUpperCase()],
    functionName: 'ref-dump-check',
    logEncryptionKey: new kms.Key(stack, 'LogsKey'),
    ...overrides,
  });
  return { app, stack, check };
}

describe('GpgDumpCheck', () => {
  let template: Template;
  let assembly: string;
  beforeAll(() => {
    const { app, stack } = build();
    template = Template.fromStack(stack);
    assembly = app.synth().directory;
  });

  test('runs daily three hours after the dump through EventBridge Scheduler, with a role only this account can use', () => {
    // The scheduler's role may invoke this function's unqualified ARN and nothing else.
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'lambda:InvokeFunction',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DumpCheckFunction'), 'Arn'] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DumpCheckFunction'), 'Arn'] } }),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '123456789012' } }),
          }),
        ],
      },
    });
  });

  test('wraps past midnight: a dump at 22:00 is checked at 01:00', () => {
    const t = Template.fromStack(build({ dumpHourUtc: 22 }).stack);
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'cron(0 1 * * ? *)' });
  });

  test("tells the function the bucket, prefix, window and the key id (lower case) a dump's session key must name", () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'ref-dump-check',
      Timeout: 900,
      Environment: {
        Variables: {
          DUMP_BUCKET: { Ref: Match.stringLikeRegexp('^DumpsBucket') },
          DUMP_PREFIX: 'postgres/',
          DUMP_RECIPIENT_KEY_IDS: KEY_ID,
          DUMP_MAX_AGE_HOURS: '26',
        },
      },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^DumpCheckLogs') } },
      VpcConfig: Match.objectLike({ SecurityGroupIds: Match.anyValue() }),
    });
    // No retries of a failed check: it alarms, and a retry would read the whole dump again for the same answer.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
  });

  test('reads the dumps and can write or delete none: the bucket policy gives its role read actions only', () => {
    const statements = Object.values(template.findResources('AWS::S3::BucketPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((s) => JSON.stringify(s.Principal).includes('DumpCheckRole'));
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.sort()).toEqual(['s3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:ListBucket']);
  });

  test("stages openpgp's CommonJS build beside the code, so the function needs no npm install", () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (r) => r.Properties.FunctionName === 'ref-dump-check',
    )!;
    const staged = path.join(assembly, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    expect(fs.readdirSync(staged).sort()).toEqual(['check.js', 'index.js', 'openpgp.min.cjs']);
    expect(fs.readFileSync(path.join(staged, 'openpgp.min.cjs'))).toEqual(fs.readFileSync(require.resolve('openpgp')));
    expect(fs.readFileSync(path.join(staged, 'check.js'), 'utf8')).toMatch(/require\('\.\/openpgp\.min\.cjs'\)/);
  });

  test('the key id of a v4 fingerprint is its last 16 hex digits, of a v6 fingerprint its first', () => {
    expect(dumpKeyIdOf('D6A8BEA43BDA9D3B8B5D7A18DDDC019F4021AED1')).toBe('dddc019f4021aed1');
    expect(dumpKeyIdOf('a'.repeat(16) + 'b'.repeat(48))).toBe('a'.repeat(16));
  });

  test.each([
    [
      'no key id',
      { recipientKeyIds: [] },
      /GpgDumpCheck.*recipientKeyIds.*at least one OpenPGP key id of 16 hex digits/s,
    ],
    ['a short key id', { recipientKeyIds: ['D6A8BEA4'] }, /recipientKeyIds.*D6A8BEA4/s],
    ['the dump hour is 24', { dumpHourUtc: 24 }, /dumpHourUtc.*24.*is not an hour/s],
    ['the check would run with the dump', { hoursAfterDump: 0 }, /hoursAfterDump.*0.*from 1 to 12/s],
    [
      'the window ends before the check runs',
      { maxAge: Duration.hours(2) },
      /maxAge.*longer than hoursAfterDump \(3\)/s,
    ],
  ] as [string, Partial<GpgDumpCheckProps>, RegExp][])('fails when %s', (_label, overrides, error) => {
    expect(() => build(overrides)).toThrow(error);
  });

  describe('in the reference platform', () => {
    test('the Data stack checks the dumps to the reference key, within the window the freshness alarm uses', () => {
      const data = referenceTemplate('Data');
      const monitoring = referenceTemplate('Monitoring');
      const alarm = Object.values(monitoring.findResources('AWS::CloudWatch::Alarm')).find(
        (a) => a.Properties.MetricName === 'PutRequests',
      )!;
      data.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${REFERENCE_ENVIRONMENT}-dump-check`,
        Environment: {
          Variables: Match.objectLike({
            DUMP_RECIPIENT_KEY_IDS: Match.stringLikeRegexp('^[0-9a-f]{16}$'),
            DUMP_MAX_AGE_HOURS: String(alarm.Properties.EvaluationPeriods),
          }),
        },
      });
    });

    test('has no unacknowledged finding of any pack', () => {
      expect(unacknowledgedFindingsUnder(`${REFERENCE_ENVIRONMENT}/Data/DumpCheck`)).toEqual([]);
    });
  });
});
