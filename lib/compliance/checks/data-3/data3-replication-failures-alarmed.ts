import { REPLICATION_TIME_CONTROL_MINUTES } from '../../../core/requirements/data';
import { Check, CheckResult, fail, pass } from '../check';
import { PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import { asArray, flatten, prop } from '../../template/template-values';
import { alarmMetrics } from '../private/alarm-values';

interface ReplicationRule {
  readonly Id?: string;
  readonly Status?: string;
  readonly Destination?: { Bucket?: unknown; Metrics?: { Status?: string } };
}

/**
 * DATA-3 after deploy: every enabled replication rule of every bucket publishes replication metrics
 * (`Metrics: Enabled`), and alarms with an action watch them: any failed replication (`OperationsFailedReplication`
 * > 0) and latency beyond Replication Time Control (`ReplicationLatency` > 900 s).
 */
export const replicationFailuresAlarmed: Check = {
  id: 'DATA3-ReplicationFailuresAlarmed',
  claims: ['DATA-3'],
  description:
    'every replication rule publishes metrics, and alarms with an action fire on failed replication and on latency beyond Replication Time Control',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const alarms = alarmMetrics(assembly).filter((a) => a.namespace === 'AWS/S3' && a.hasAction);
    const maxLatency = REPLICATION_TIME_CONTROL_MINUTES * 60;
    const results = assembly.resourcesOfType('AWS::S3::Bucket').flatMap((bucket) => {
      const literal = flatten(prop(bucket, 'BucketName'), bucket.stack);
      const name = literal ?? `${bucket.logicalId} (generated name)`;
      // An alarm names the bucket by its literal name, or (in the bucket's own template) by a reference to it.
      const namesBucket = (a: (typeof alarms)[number]) =>
        (literal !== undefined && a.dimensions.SourceBucket === literal) ||
        (a.alarm.stack === bucket.stack && referencedLogicalId(a.rawDimensions.SourceBucket) === bucket.logicalId);
      const rules = asArray<ReplicationRule>(
        (prop(bucket, 'ReplicationConfiguration') as { Rules?: unknown } | undefined)?.Rules,
      ).filter((r) => r.Status === 'Enabled');
      return rules.map((rule): CheckResult => {
        const subject = `bucket ${name}, rule ${rule.Id ?? '?'}`;
        if (rule.Destination?.Metrics?.Status !== 'Enabled')
          return fail(`${subject}: replication metrics not enabled, so no alarm can see a failure`, toRef(bucket));
        const watching = alarms.filter((a) => namesBucket(a) && a.dimensions.RuleId === rule.Id);
        const failed = watching.find(
          (a) =>
            a.metricName === 'OperationsFailedReplication' &&
            prop(a.alarm, 'ComparisonOperator') === 'GreaterThanThreshold' &&
            Number(prop(a.alarm, 'Threshold')) === 0,
        );
        const late = watching.find(
          (a) =>
            a.metricName === 'ReplicationLatency' &&
            prop(a.alarm, 'ComparisonOperator') === 'GreaterThanThreshold' &&
            Number(prop(a.alarm, 'Threshold')) <= maxLatency,
        );
        const missing = [
          failed ? undefined : 'failed replication (OperationsFailedReplication > 0)',
          late ? undefined : `latency beyond ${maxLatency} s (ReplicationLatency)`,
        ].filter((m): m is string => m !== undefined);
        return missing.length
          ? fail(`${subject}: no alarm with an action on ${missing.join(' or ')}`, toRef(bucket))
          : pass(`${subject}: alarms ${failed!.alarm.logicalId} and ${late!.alarm.logicalId}`, toRef(bucket));
      });
    });
    return results.length ? results : [fail('no replicated bucket in the assembly')];
  },
};
