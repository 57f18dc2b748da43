import { REPLICATION_TIME_CONTROL_MINUTES } from '../../../core/requirements/data';
import type { BucketProps, ReplicationRule } from '../../template/cfn/s3';
import { assemblyModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { AlarmMetric, alarmMetrics } from '../private/alarm-values';
import { asArray, bucketNameOf } from '../private/cfn';

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
  run: (assembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const alarms = alarmMetrics(model).filter((a) => a.namespace === 'AWS/S3' && a.hasAction);
    const maxLatency = REPLICATION_TIME_CONTROL_MINUTES * 60;
    const results = model.ofType<BucketProps>('AWS::S3::Bucket').flatMap((bucket) => {
      const literal = bucketNameOf(model, bucket);
      const name = literal ?? `${bucket.logicalId} (generated name)`;
      // An alarm names the bucket by its literal name, or by a reference to it.
      const namesBucket = (a: AlarmMetric) =>
        (literal !== undefined && a.dimensions.SourceBucket === literal) || a.dimensionTargets.SourceBucket === bucket;
      const rules = asArray<ReplicationRule>(bucket.props.ReplicationConfiguration?.Rules).filter(
        (r) => r.Status === 'Enabled',
      );
      return rules.map((rule): CheckResult => {
        const id = model.text(bucket, rule.Id);
        const subject = `bucket ${name}, rule ${id ?? '?'}`;
        if (rule.Destination?.Metrics?.Status !== 'Enabled')
          return fail(`${subject}: replication metrics not enabled, so no alarm can see a failure`, bucket.ref);
        const watching = alarms.filter((a) => namesBucket(a) && id !== undefined && a.dimensions.RuleId === id);
        const failed = watching.find(
          (a) =>
            a.metricName === 'OperationsFailedReplication' &&
            a.alarm.props.ComparisonOperator === 'GreaterThanThreshold' &&
            Number(a.alarm.props.Threshold) === 0,
        );
        const late = watching.find(
          (a) =>
            a.metricName === 'ReplicationLatency' &&
            a.alarm.props.ComparisonOperator === 'GreaterThanThreshold' &&
            Number(a.alarm.props.Threshold) <= maxLatency,
        );
        const missing = [
          failed ? undefined : 'failed replication (OperationsFailedReplication > 0)',
          late ? undefined : `latency beyond ${maxLatency} s (ReplicationLatency)`,
        ].filter((m): m is string => m !== undefined);
        return failed && late
          ? pass(`${subject}: alarms ${failed.alarm.logicalId} and ${late.alarm.logicalId}`, bucket.ref)
          : fail(`${subject}: no alarm with an action on ${missing.join(' or ')}`, bucket.ref);
      });
    });
    return results.length ? results : [fail('no replicated bucket in the assembly')];
  },
};
