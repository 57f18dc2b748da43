import { replicationFailuresAlarmed as check } from '../../../../lib/compliance/checks/data-3/data3-replication-failures-alarmed';
import { Change, edited, modelOf, outcomes, ref } from '../../../support/check-fixtures';

const alarm = (metricName: string, threshold: number) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    Namespace: 'AWS/S3',
    MetricName: metricName,
    Dimensions: [
      { Name: 'SourceBucket', Value: 'prod-uploads' },
      { Name: 'DestinationBucket', Value: 'prod-uploads-replica' },
      { Name: 'RuleId', Value: 'ToRecovery' },
    ],
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: threshold,
    EvaluationPeriods: 1,
    AlarmActions: [ref('Topic')],
  },
});
const data = {
  Resources: {
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: 'prod-uploads',
        ReplicationConfiguration: {
          Role: 'arn:aws:iam::123456789012:role/replication',
          Rules: [
            {
              Id: 'ToRecovery',
              Status: 'Enabled',
              Destination: {
                Bucket: 'arn:aws:s3:::prod-uploads-replica',
                Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
              },
            },
          ],
        },
      },
    },
    Logs: { Type: 'AWS::S3::Bucket', Properties: {} },
    Failed: alarm('OperationsFailedReplication', 0),
    Late: alarm('ReplicationLatency', 900),
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Data': edited(data, change) }));
const rule = (r: Parameters<Change>[0]) => r.Uploads.Properties.ReplicationConfiguration.Rules[0];
const SUBJECT = 'Uploads: bucket prod-uploads, rule ToRecovery';
const FAILED = 'failed replication (OperationsFailedReplication > 0)';
const LATE = 'latency beyond 900 s (ReplicationLatency)';

describe('DATA3-ReplicationFailuresAlarmed', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([`pass ${SUBJECT}: alarms Failed and Late`]);
    // A tighter latency threshold is fine; a bucket with a generated name is named by a reference in its template.
    expect(
      judged((r) => {
        r.Late.Properties.Threshold = 600;
        delete r.Uploads.Properties.BucketName;
        for (const a of [r.Failed, r.Late]) a.Properties.Dimensions[0].Value = ref('Uploads');
      }),
    ).toEqual(['pass Uploads: bucket Uploads (generated name), rule ToRecovery: alarms Failed and Late']);
  });

  test('Noncompliance 1: no replicated bucket', () => {
    expect(judged((r) => (rule(r).Status = 'Disabled'))).toEqual(['fail -: no replicated bucket in the assembly']);
  });

  test('Noncompliance 2: replication metrics not enabled', () => {
    expect(judged((r) => delete rule(r).Destination.Metrics)).toEqual([
      `fail ${SUBJECT}: replication metrics not enabled, so no alarm can see a failure`,
    ]);
  });

  test('Noncompliance 3: no alarm on failed replication (threshold above 0, no action, actions disabled)', () => {
    const unwatched = [`fail ${SUBJECT}: no alarm with an action on ${FAILED}`];
    expect(judged((r) => (r.Failed.Properties.Threshold = 1))).toEqual(unwatched);
    expect(judged((r) => delete r.Failed.Properties.AlarmActions)).toEqual(unwatched);
    expect(judged((r) => (r.Failed.Properties.ActionsEnabled = false))).toEqual(unwatched);
    expect(judged((r) => (r.Failed.Properties.Dimensions[2].Value = 'Other'))).toEqual(unwatched);
  });

  test('Noncompliance 4: no alarm on latency beyond Replication Time Control', () => {
    expect(judged((r) => (r.Late.Properties.Threshold = 1800))).toEqual([
      `fail ${SUBJECT}: no alarm with an action on ${LATE}`,
    ]);
    expect(judged((r) => (delete r.Late, delete r.Failed))).toEqual([
      `fail ${SUBJECT}: no alarm with an action on ${FAILED} or ${LATE}`,
    ]);
  });

  test('Noncompliance 5: alarms naming a bucket of generated name by its logical id (CloudWatch would watch another bucket)', () => {
    expect(
      judged((r) => {
        delete r.Uploads.Properties.BucketName;
        for (const a of [r.Failed, r.Late]) a.Properties.Dimensions[0].Value = 'Uploads';
      }),
    ).toEqual([
      `fail Uploads: bucket Uploads (generated name), rule ToRecovery: no alarm with an action on ${FAILED} or ${LATE}`,
    ]);
  });
});
