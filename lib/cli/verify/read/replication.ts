import { MAX_REPLICATION_LATENCY_SECONDS } from '../../../core/requirements/live-facts';
import { absent, AwsSession } from '../../preflight/session';
import { Reading } from '../fact';

/**
 * The upload bucket's replication as the account has it now (`GetBucketReplication`): an enabled rule for every
 * object to the replica the templates name, with Replication Time Control.
 */
export async function readReplicationConfig(
  aws: AwsSession,
  region: string,
  bucket: string,
  replicaArn: string | undefined,
): Promise<Reading> {
  const { S3Client, GetBucketReplicationCommand } = aws.sdk.s3;
  const s3 = aws.open(new S3Client({ ...aws.config(region), forcePathStyle: aws.emulated }));
  const base = { region, subject: bucket };
  let rules;
  try {
    rules = (await s3.send(new GetBucketReplicationCommand({ Bucket: bucket }))).ReplicationConfiguration?.Rules ?? [];
  } catch (e) {
    if (absent(e)) return { ...base, good: false, detail: 'has no replication configuration' };
    throw e;
  }
  const everything = (r: (typeof rules)[number]) =>
    (r.Filter === undefined || (r.Filter.Prefix ?? '') === '') &&
    r.Filter?.Tag === undefined &&
    r.Filter?.And === undefined;
  const good = rules.find(
    (r) =>
      r.Status === 'Enabled' &&
      everything(r) &&
      (replicaArn === undefined || r.Destination?.Bucket === replicaArn) &&
      r.Destination?.ReplicationTime?.Status === 'Enabled',
  );
  const items = rules.map(
    (r) =>
      `rule ${r.ID ?? '?'}: ${r.Status ?? '?'} to ${r.Destination?.Bucket ?? '?'}, Replication Time Control ${r.Destination?.ReplicationTime?.Status ?? 'off'}`,
  );
  return good
    ? {
        ...base,
        good: true,
        items,
        detail: `rule ${good.ID ?? '?'} replicates every object to ${good.Destination?.Bucket} with Replication Time Control`,
      }
    : {
        ...base,
        good: false,
        items,
        detail: `no enabled rule replicates every object to ${replicaArn ?? 'the replica'} with Replication Time Control`,
      };
}

const HOUR_MS = 3_600_000;

/**
 * The last hour of a replication rule's CloudWatch metrics (`GetMetricStatistics`, namespace AWS/S3): no failed
 * operation, and the longest replication within S3's 15-minute objective. No datapoint means nothing was replicated
 * in the hour, which is not a failure.
 */
export async function readReplicationMetrics(
  aws: AwsSession,
  region: string,
  bucket: string,
  replicaBucket: string,
  ruleId: string,
  now: Date,
): Promise<Reading> {
  const { CloudWatchClient, GetMetricStatisticsCommand } = aws.sdk.cloudWatch;
  const cloudWatch = aws.open(new CloudWatchClient(aws.config(region)));
  const ask = async (MetricName: string, statistic: 'Sum' | 'Maximum') => {
    const answer = await cloudWatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/S3',
        MetricName,
        Dimensions: [
          { Name: 'SourceBucket', Value: bucket },
          { Name: 'DestinationBucket', Value: replicaBucket },
          { Name: 'RuleId', Value: ruleId },
        ],
        StartTime: new Date(now.getTime() - HOUR_MS),
        EndTime: now,
        Period: 3600,
        Statistics: [statistic],
      }),
    );
    const values = (answer.Datapoints ?? []).map((d) => d[statistic]).filter((v): v is number => v !== undefined);
    return values.length ? (statistic === 'Sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values)) : undefined;
  };
  const failed = await ask('OperationsFailedReplication', 'Sum');
  const latency = await ask('ReplicationLatency', 'Maximum');
  const subject = `${bucket} rule ${ruleId}`;
  const said = [
    `failed operations ${failed ?? 'none reported'}`,
    `longest replication ${latency === undefined ? 'none reported' : `${latency} s`}`,
  ].join(', ');
  const good = (failed ?? 0) === 0 && (latency ?? 0) <= MAX_REPLICATION_LATENCY_SECONDS;
  return {
    region,
    subject,
    good,
    detail: good
      ? `last hour: ${said}`
      : `last hour: ${said} (at most 0 failed and ${MAX_REPLICATION_LATENCY_SECONDS} s allowed)`,
  };
}
