import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { SecurityAlerts } from '../../lib/monitoring/security-alerts';
import { CIS_MONITORING_ITEMS } from '../../lib/monitoring/private/cis-monitoring-items';

const env = { account: '123456789012', region: 'eu-west-1' };

describe('SecurityAlerts', () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN a stack with a trail log group
    const stack = new Stack(new App(), 'Alerts', { env });
    const logGroup = new logs.LogGroup(stack, 'TrailLogs');
    // WHEN
    new SecurityAlerts(stack, 'Alerts', { emails: ['sec@example.com', 'oncall@example.com'], trailLogGroup: logGroup });
    template = Template.fromStack(stack);
  });

  test('encrypts the topic with a customer managed key that rotates and is retained', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AlertsKey'), 'Arn'] },
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('lets CloudWatch alarms of this account publish and denies publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
          Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  test('subscribes every configured e-mail address', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  test('routes GuardDuty findings of severity 7 or more to the topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 7] }] } },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('AlertsTopic') } })],
    });
  });

  test('routes CRITICAL and HIGH Security Hub findings to the topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.securityhub'],
        detail: { findings: Match.objectLike({ Severity: { Label: ['CRITICAL', 'HIGH'] } }) },
      },
    });
  });

  test('routes failed, aborted and expired backup and copy jobs to the topic', () => {
    for (const detailType of ['Backup Job State Change', 'Copy Job State Change']) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.backup'],
          'detail-type': [detailType],
          detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
        },
      });
    }
  });

  test('adds one metric filter and one alarm to the topic per CIS monitoring item', () => {
    template.resourceCountIs('AWS::Logs::MetricFilter', CIS_MONITORING_ITEMS.length);
    // Plus the two delivery alarms (dead-lettered alerts, failed notifications).
    template.resourceCountIs('AWS::CloudWatch::Alarm', CIS_MONITORING_ITEMS.length + 2);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp('userIdentity.type = "Root"'),
      LogGroupName: { Ref: Match.stringLikeRegexp('TrailLogs') },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'UnauthorizedApiCalls',
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('AlertsTopic') }],
    });
  });

  test('covers each CIS item the issue names', () => {
    expect(CIS_MONITORING_ITEMS.map((i) => i.id)).toEqual([
      'UnauthorizedApiCalls',
      'ConsoleSignInWithoutMfa',
      'RootAccountUse',
      'IamPolicyChanges',
      'CloudTrailConfigChanges',
      'KmsKeyDisabledOrScheduledForDeletion',
      'S3BucketPolicyChanges',
      'SecurityGroupChanges',
      'NetworkAclChanges',
    ]);
  });

  test('leaves out the backup rules only when asked', () => {
    const stack = new Stack(new App(), 'NoBackup', { env });
    new SecurityAlerts(stack, 'Alerts', { emails: ['a@example.com'], alertOnBackupFailures: false });
    const sources = Object.values(Template.fromStack(stack).findResources('AWS::Events::Rule')).map(
      (r) => (r.Properties.EventPattern as { source: string[] }).source[0],
    );
    expect(sources).toEqual(['aws.guardduty', 'aws.securityhub']);
  });

  test('fails when nobody is subscribed', () => {
    const app = new App();
    const stack = new Stack(app, 'Nobody', { env });
    new SecurityAlerts(stack, 'Alerts');
    expect(() => app.synth()).toThrow(/has no subscriber, so nobody hears of an alert/);
  });

  test('fails when an e-mail address is malformed', () => {
    const stack = new Stack(new App(), 'Bad', { env });
    expect(() => new SecurityAlerts(stack, 'Alerts', { emails: ['not-an-address'] })).toThrow(
      /\[SecurityAlerts\.email\] Bad\/Alerts: email = "not-an-address": is not an e-mail address/,
    );
  });

  test('fails when the GuardDuty severity threshold is out of range', () => {
    const stack = new Stack(new App(), 'Sev', { env });
    expect(
      () => new SecurityAlerts(stack, 'Alerts', { emails: ['a@example.com'], guardDutyMinimumSeverity: 11 }),
    ).toThrow(
      /\[SecurityAlerts\.guardDutyMinimumSeverity\] .*guardDutyMinimumSeverity = 11: GuardDuty severities run from 1 to 10/,
    );
  });
});
