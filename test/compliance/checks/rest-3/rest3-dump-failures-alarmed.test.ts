import { dumpFailuresAlarmed as check } from '../../../../lib/compliance/checks/rest-3/rest3-dump-failures-alarmed';
import { Change, edited, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const dumps = {
  Resources: {
    Schedule: {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'cron(0 3 * * ? *)',
        Target: {
          Arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
          EcsParameters: { TaskDefinitionArn: ref('DumpTask') },
        },
      },
    },
    DumpTask: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: 'prod-dump',
        ContainerDefinitions: [
          {
            Name: 'dump',
            Environment: [
              { Name: 'DUMP_TARGET', Value: { 'Fn::Join': ['', ['s3://', ref('DumpBucket'), '/dumps/']] } },
            ],
          },
        ],
      },
    },
    DumpBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: 'prod-dumps', MetricsConfigurations: [{ Id: 'Dumps', Prefix: 'dumps/' }] },
    },
    FailedRun: {
      Type: 'AWS::Events::Rule',
      Properties: {
        State: 'ENABLED',
        EventPattern: {
          source: ['aws.ecs'],
          'detail-type': ['ECS Task State Change'],
          detail: {
            lastStatus: ['STOPPED'],
            taskDefinitionArn: [{ prefix: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-dump:' }],
            containers: { exitCode: [{ 'anything-but': 0 }] },
          },
        },
        Targets: [{ Id: 'Alerts', Arn: ref('Topic') }],
      },
    },
    NoDump: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'AWS/S3',
        MetricName: 'PutRequests',
        Dimensions: [
          { Name: 'BucketName', Value: 'prod-dumps' },
          { Name: 'FilterId', Value: 'Dumps' },
        ],
        Statistic: 'Sum',
        Period: 86400,
        EvaluationPeriods: 1,
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
        AlarmActions: [ref('Topic')],
      },
    },
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Dump': edited(dumps, change) }));
const exitCode = (r: Parameters<Change>[0]) => r.FailedRun.Properties.EventPattern.detail.containers;
const RUN_PASSES = 'pass FailedRun: task family prod-dump: a non-zero exit alerts through rule FailedRun';
const FRESH_PASSES = 'pass NoDump: bucket prod-dumps: alarm NoDump fires when no dump object arrived for 24 hours';
const NO_RULE =
  'fail DumpTask: task family prod-dump: no enabled EventBridge rule with a target on a run stopping with a non-zero exit';
const NO_ALARM =
  'fail DumpBucket: bucket prod-dumps: no alarm with an action on PutRequests of the dump prefix below 1 within 26 hours (missing data breaching)';

describe('REST3-DumpFailuresAlarmed', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([RUN_PASSES, FRESH_PASSES]);
    // `[0]` inside anything-but, and a window of two 12-hour periods, all breaching.
    expect(
      judged((r) => {
        exitCode(r).exitCode = [{ 'anything-but': [0] }];
        Object.assign(r.NoDump.Properties, { Period: 43200, EvaluationPeriods: 2, DatapointsToAlarm: 2 });
      }),
    ).toEqual([RUN_PASSES, FRESH_PASSES]);
  });

  test('Noncompliance 1: no scheduled ECS task', () => {
    expect(judged((r) => delete r.Schedule)).toEqual(['fail -: no scheduled ECS task in the assembly']);
  });

  test('Noncompliance 2: the task has no fixed family', () => {
    expect(judged((r) => delete r.DumpTask.Properties.Family)[0]).toBe(
      'fail DumpTask: task DumpTask: no fixed Family, so no rule can name its runs',
    );
  });

  test('Noncompliance 3: no enabled rule with a target on a non-zero exit', () => {
    expect(judged((r) => (r.FailedRun.Properties.State = 'DISABLED'))[0]).toBe(NO_RULE);
    expect(judged((r) => (r.FailedRun.Properties.Targets = []))[0]).toBe(NO_RULE);
    expect(judged((r) => (exitCode(r).exitCode = [{ 'anything-but': [0, 1] }]))[0]).toBe(NO_RULE);
    expect(judged((r) => (exitCode(r).exitCode = [1]))[0]).toBe(NO_RULE);
    expect(
      judged(
        (r) =>
          (r.FailedRun.Properties.EventPattern.detail.taskDefinitionArn = [
            { prefix: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/prod-app:' },
          ]),
      )[0],
    ).toBe(NO_RULE);
  });

  test('Noncompliance 4: DUMP_TARGET names no bucket of the template', () => {
    expect(
      judged((r) => (r.DumpTask.Properties.ContainerDefinitions[0].Environment[0].Value = 's3://elsewhere/dumps/'))[1],
    ).toBe('fail DumpTask: task DumpTask: its DUMP_TARGET names no bucket of its template');
  });

  test('Noncompliance 5: no request metrics filter on the dump prefix', () => {
    expect(judged((r) => (r.DumpBucket.Properties.MetricsConfigurations[0].Prefix = 'other/'))[1]).toBe(
      "fail DumpBucket: bucket prod-dumps: no S3 request metrics filter on the dump prefix 'dumps/'",
    );
  });

  test('Noncompliance 6: no alarm on missing dumps (window too long, missing data not breaching, no action)', () => {
    expect(judged((r) => (r.NoDump.Properties.EvaluationPeriods = 2))[1]).toBe(NO_ALARM);
    expect(judged((r) => (r.NoDump.Properties.TreatMissingData = 'notBreaching'))[1]).toBe(NO_ALARM);
    expect(judged((r) => delete r.NoDump.Properties.AlarmActions)[1]).toBe(NO_ALARM);
    expect(judged((r) => (r.NoDump.Properties.Threshold = 2))[1]).toBe(NO_ALARM);
    expect(
      judged((r) =>
        Object.assign(r.NoDump.Properties, { Period: 43200, EvaluationPeriods: 2, DatapointsToAlarm: 1 }),
      )[1],
    ).toBe(NO_ALARM);
    expect(judged((r) => (r.NoDump.Properties.Dimensions[1].Value = 'Other'))[1]).toBe(NO_ALARM);
  });
});
