import { cisAlarmsOnTrail as check } from '../../../../lib/compliance/checks/monitor-2/monitor2-cis-alarms-on-trail';
import { CfnTemplate, TemplateResource } from '../../../../lib/compliance/template/platform-assembly';
import { Change, edited, getAtt, modelOf, outcomes, ref } from '../../../support/check-fixtures';

/** One filter pattern per CIS monitoring item, as the check names them. */
const CIS_FILTERS: [string, string][] = [
  ['unauthorized API calls', '{ $.errorCode = "*UnauthorizedOperation" }'],
  ['root account use', '{ $.userIdentity.type = "Root" }'],
  ['console sign-in without MFA', '{ $.additionalEventData.MFAUsed != "Yes" }'],
  ['IAM policy changes', '{ $.eventName = PutRolePolicy }'],
  ['CloudTrail configuration changes', '{ $.eventName = StopLogging }'],
  ['KMS key disabling or deletion', '{ $.eventName = ScheduleKeyDeletion }'],
  ['S3 bucket policy changes', '{ $.eventName = PutBucketPolicy }'],
  ['security group changes', '{ $.eventName = AuthorizeSecurityGroupIngress }'],
  ['network ACL changes', '{ $.eventName = CreateNetworkAclEntry }'],
];
const resources: Record<string, TemplateResource> = {
  TrailLogs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
  Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { CloudWatchLogsLogGroupArn: getAtt('TrailLogs') } },
};
CIS_FILTERS.forEach(([, pattern], i) => {
  resources[`Filter${i}`] = {
    Type: 'AWS::Logs::MetricFilter',
    Properties: {
      LogGroupName: ref('TrailLogs'),
      FilterPattern: pattern,
      MetricTransformations: [{ MetricName: `Cis${i}`, MetricNamespace: 'CIS', MetricValue: '1' }],
    },
  };
  resources[`Alarm${i}`] = {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: { MetricName: `Cis${i}`, Namespace: 'CIS', AlarmActions: [ref('Alerts')] },
  };
});
const monitoring = { Resources: resources } as CfnTemplate;
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Monitoring': edited(monitoring, change) }));

describe('MONITOR2-CisAlarmsOnTrail', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': monitoring }))).toEqual(
      CIS_FILTERS.map(
        ([item], i) => `pass Alarm${i}: ${item}: filter Filter${i} on TrailLogs, alarm Alarm${i} notifies`,
      ),
    );
  });

  test('Noncompliance 1: no trail delivers to a log group of the assembly', () => {
    expect(
      judged((r) => (r.Trail.Properties.CloudWatchLogsLogGroupArn = 'arn:aws:logs:eu-west-1:123456789012:log-group:x')),
    ).toEqual(['fail -: no CloudTrail trail delivers to a log group of the assembly, so no CIS alarms can watch it']);
  });

  test('Noncompliance 2: no metric filter for an item', () => {
    expect(judged((r) => delete r.Filter1)[1]).toBe(
      'fail TrailLogs: log group TrailLogs: no metric filter for root account use',
    );
  });

  test('Noncompliance 3: a filter whose alarm notifies nobody, or watches another metric', () => {
    expect(judged((r) => (r.Alarm2.Properties.AlarmActions = []))[2]).toBe(
      'fail Filter2: console sign-in without MFA: filter Filter2 has no alarm with an action',
    );
    expect(judged((r) => (r.Alarm2.Properties.Namespace = 'Other'))[2]).toBe(
      'fail Filter2: console sign-in without MFA: filter Filter2 has no alarm with an action',
    );
  });
});
