import { EMF_ENVIRONMENT } from '../../../core/requirements/emf-metrics';
import type { AlarmMetricSource } from '../../../core/requirements/paths/events';
import { asArray } from '../../template/template-values';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { HOP_MUTATIONS } from './hop-mutations';
import { sourceArnOf, topicDeliveryHops } from './topic-delivery';

/**
 * An alarm's hops: a metric AWS really emits, the trail feeding it (for metric filters), missing data read the way
 * the alarm needs, actions enabled, the topic among its actions, then the topic to a person
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
 */
export function alarmChain(
  model: StageModel,
  alarm: ModelResource,
  metric: AlarmMetricSource,
  topic: ModelResource,
): HopRecord[] {
  const enabled = alarm.props.ActionsEnabled === undefined || alarm.props.ActionsEnabled === true;
  const actsOnTopic = model
    .resolveAll(alarm, alarm.props.AlarmActions)
    .some((r) => r.stackName === topic.stackName && r.logicalId === topic.logicalId);
  return [
    ...metricHops(model, alarm, metric),
    missingDataHop(alarm),
    {
      hop: 'alarm-actions-enabled',
      verdict: enabled ? 'pass' : 'block',
      detail: `ActionsEnabled ${String(alarm.props.ActionsEnabled ?? 'true (default)')}`,
      resource: alarm.ref,
      property: 'ActionsEnabled',
      mutations: enabled ? HOP_MUTATIONS['alarm-actions-enabled'](alarm) : undefined,
    },
    {
      hop: 'alarm-action',
      verdict: actsOnTopic ? 'pass' : 'block',
      detail: actsOnTopic ? 'AlarmActions include the alert topic' : 'AlarmActions do not include the alert topic',
      resource: alarm.ref,
      property: 'AlarmActions',
      mutations: actsOnTopic ? HOP_MUTATIONS['alarm-action'](alarm) : undefined,
    },
    ...topicDeliveryHops(model, topic, {
      service: 'cloudwatch.amazonaws.com',
      source: alarm,
      sourceArn: sourceArnOf(model, alarm),
    }),
  ];
}

/**
 * An alarm on the absence of data (LessThan…) must treat missing data as breaching: S3 publishes no datapoint for a
 * period without requests. An alarm counting events must not: breaching would hold it in ALARM, and a real event
 * would then change no state and notify nobody
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data).
 */
function missingDataHop(alarm: ModelResource): HopRecord {
  const treat = String(alarm.props.TreatMissingData ?? 'missing');
  const absenceAlarm = String(alarm.props.ComparisonOperator ?? '').startsWith('LessThan');
  const ok = absenceAlarm ? treat === 'breaching' : treat !== 'breaching';
  return {
    hop: 'alarm-missing-data',
    verdict: ok ? 'pass' : 'block',
    detail: `TreatMissingData ${treat} on an alarm ${absenceAlarm ? 'on missing writes (must be breaching)' : 'counting events (must not be breaching)'}`,
    resource: alarm.ref,
    property: 'TreatMissingData',
    mutations: ok ? HOP_MUTATIONS['alarm-missing-data'](alarm, treat) : undefined,
  };
}

function dimensionsOf(model: StageModel, alarm: ModelResource): Map<string, string | undefined> {
  return new Map(
    asArray<Record<string, unknown>>(alarm.props.Dimensions).map((d) => [String(d.Name), model.text(alarm, d.Value)]),
  );
}

function metricHops(model: StageModel, alarm: ModelResource, source: AlarmMetricSource): HopRecord[] {
  const namespace = model.text(alarm, alarm.props.Namespace);
  const name = model.text(alarm, alarm.props.MetricName);
  const base = { hop: 'alarm-metric', resource: alarm.ref, property: 'Namespace, MetricName, Dimensions' } as const;
  if (!namespace || !name) {
    return [{ ...base, verdict: 'block', detail: 'no single metric (metric math or unresolved name): not evaluated' }];
  }
  const dims = dimensionsOf(model, alarm);
  const emitted = (detail: string): HopRecord => ({
    ...base,
    verdict: 'pass',
    detail,
    mutations: HOP_MUTATIONS['alarm-metric'](alarm, name),
  });
  const missing = (detail: string): HopRecord => ({ ...base, verdict: 'block', detail });
  switch (source.kind) {
    case 'trail-metric-filter': {
      const logGroup = model.theOne(source.logGroup);
      const filter = model.ofType('AWS::Logs::MetricFilter').find((f) => {
        const group = model.resolve(f, f.props.LogGroupName);
        return (
          group?.logicalId === logGroup.logicalId &&
          group.stackName === logGroup.stackName &&
          asArray<Record<string, unknown>>(f.props.MetricTransformations).some(
            (t) =>
              t.MetricNamespace === namespace && t.MetricName === name && asArray(t.Dimensions).length === dims.size,
          )
        );
      });
      return [
        filter
          ? emitted(`metric filter ${filter.logicalId} on the trail's log group emits ${namespace}/${name}`)
          : missing(
              `no metric filter on the trail's log group emits ${namespace}/${name}${dims.size ? ' with those dimensions' : ''}`,
            ),
        trailDeliveryHop(model, model.theOne(source.trail), logGroup),
      ];
    }
    case 's3-replication': {
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/repl-metrics.html
      const names = [
        'OperationsFailedReplication',
        'ReplicationLatency',
        'BytesPendingReplication',
        'OperationsPendingReplication',
      ];
      const [src, dst, ruleId] = ['SourceBucket', 'DestinationBucket', 'RuleId'].map((d) => dims.get(d));
      if (namespace !== 'AWS/S3' || !names.includes(name) || dims.size !== 3 || !src || !dst || !ruleId) {
        return [
          missing(
            `${namespace}/${name} by ${[...dims.keys()].join(', ')} is not an S3 replication metric (AWS/S3 by SourceBucket, DestinationBucket, RuleId)`,
          ),
        ];
      }
      const bucket = bucketNamed(model, src);
      const rule = asArray<Record<string, unknown>>(
        (bucket?.props.ReplicationConfiguration as Record<string, unknown> | undefined)?.Rules,
      ).find((r) => r.Id === ruleId);
      const target = rule?.Destination as Record<string, unknown> | undefined;
      const destination = target ? model.text(bucket!, target.Bucket) : undefined;
      // Destination.Metrics: Enabled is what makes S3 publish them for the rule.
      const metricsOn = (target?.Metrics as Record<string, unknown> | undefined)?.Status === 'Enabled';
      const ok = rule && rule.Status === 'Enabled' && metricsOn && destination?.endsWith(`:::${dst}`);
      return [
        ok
          ? emitted(`replication rule ${ruleId} of ${src} to ${dst} is enabled with Metrics: S3 emits ${name}`)
          : missing(
              bucket
                ? `bucket ${src} has no enabled rule ${ruleId} to ${dst} with Metrics enabled, so S3 emits no ${name} for it`
                : `no bucket named ${src} in the templates`,
            ),
      ];
    }
    case 'lambda-function': {
      // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
      const names = ['Invocations', 'Errors', 'Throttles', 'Duration'];
      const functionName = dims.get('FunctionName');
      if (namespace !== 'AWS/Lambda' || !names.includes(name) || dims.size !== 1 || !functionName) {
        return [
          missing(
            `${namespace}/${name} by ${[...dims.keys()].join(', ')} is not a Lambda function metric (AWS/Lambda by FunctionName)`,
          ),
        ];
      }
      const fn = model.theOne(source.function);
      const actual = model.text(fn, fn.props.FunctionName);
      return [
        actual === functionName
          ? emitted(`function ${functionName} (${source.function}) exists: Lambda emits ${name} for it`)
          : missing(
              `the alarm names function ${functionName}; the ${source.function} is named ${actual ?? '(generated)'}`,
            ),
      ];
    }
    case 'function-emf':
      return functionEmfHops(model, alarm, source, { namespace, name, dims }, emitted, missing);
    case 's3-request-metrics': {
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html#s3-request-cloudwatch-metrics
      const names = [
        'AllRequests',
        'GetRequests',
        'PutRequests',
        'DeleteRequests',
        'HeadRequests',
        'PostRequests',
        'ListRequests',
        'BytesUploaded',
        'BytesDownloaded',
      ];
      const bucketName = dims.get('BucketName');
      const filterId = dims.get('FilterId');
      if (namespace !== 'AWS/S3' || !names.includes(name) || dims.size !== 2 || !bucketName || !filterId) {
        return [
          missing(
            `${namespace}/${name} by ${[...dims.keys()].join(', ')} is not an S3 request metric (AWS/S3 by BucketName, FilterId)`,
          ),
        ];
      }
      const bucket = bucketNamed(model, bucketName);
      const configured = asArray<Record<string, unknown>>(bucket?.props.MetricsConfigurations).some(
        (c) => c.Id === filterId,
      );
      return [
        configured
          ? emitted(`bucket ${bucketName} has request metrics configuration ${filterId}: S3 emits ${name}`)
          : missing(`bucket ${bucketName} has no request metrics configuration ${filterId}, so S3 emits no ${name}`),
      ];
    }
  }
}

/**
 * A metric the platform's function writes to its log (embedded metric format): CloudWatch Logs extracts it with the
 * namespace, name and dimension values of the document, so the alarm reads it only when it names exactly those, as
 * the function's EMF_* environment sets them (and the rehearsal proves the code writes what they say)
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
 * read 2026-12-07). A metric of exactly one dimension: CloudWatch matches an alarm's dimensions to a metric's exactly.
 */
function functionEmfHops(
  model: StageModel,
  alarm: ModelResource,
  source: Extract<AlarmMetricSource, { kind: 'function-emf' }>,
  read: { namespace: string; name: string; dims: Map<string, string | undefined> },
  emitted: (detail: string) => HopRecord,
  missing: (detail: string) => HopRecord,
): HopRecord[] {
  const fn = model.theOne(source.function);
  const variables = ((fn.props.Environment as Record<string, unknown> | undefined)?.Variables ?? {}) as Record<
    string,
    unknown
  >;
  const env = (key: string) => model.text(fn, variables[key]);
  const writes = {
    namespace: env(EMF_ENVIRONMENT.namespace),
    name: env(EMF_ENVIRONMENT.metricName),
    dimension: env(EMF_ENVIRONMENT.dimensionName),
    value: env(EMF_ENVIRONMENT.dimensionValue),
  };
  const { metric } = source;
  const named = `${writes.namespace}/${writes.name} by ${writes.dimension}=${writes.value}`;
  const problems = [
    writes.namespace !== metric.namespace ||
    writes.name !== metric.metricName ||
    writes.dimension !== metric.dimensionName
      ? `the ${source.function}'s environment names ${named}, not ${metric.namespace}/${metric.metricName} by ${metric.dimensionName}`
      : undefined,
    !writes.value ? `the ${source.function}'s environment names no ${EMF_ENVIRONMENT.dimensionValue}` : undefined,
    read.namespace !== writes.namespace || read.name !== writes.name
      ? `the alarm reads ${read.namespace}/${read.name}; the function writes ${writes.namespace}/${writes.name}`
      : undefined,
    read.dims.size !== 1 || read.dims.get(writes.dimension ?? '') !== writes.value
      ? `the alarm's dimensions (${[...read.dims].map(([k, v]) => `${k}=${v}`).join(', ') || 'none'}) are not the function's ${writes.dimension}=${writes.value}`
      : undefined,
  ].filter((p): p is string => p !== undefined);
  return [
    problems.length === 0
      ? emitted(`the ${source.function} writes ${named} to its log (embedded metric format)`)
      : missing(problems.join('; ')),
    oneEventFiresHop(alarm),
  ];
}

/**
 * A metric of 1 per event to alert on and 0 otherwise: one event in a period must reach the threshold and zeros alone
 * must not, in one datapoint (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
 * "Evaluating an alarm"). Sum or Maximum only: an Average of a FAILED and a SUCCESSFUL verdict in the same hour (both
 * restore jobs start in one window) is 0.5.
 */
function oneEventFiresHop(alarm: ModelResource): HopRecord {
  const statistic = String(alarm.props.Statistic ?? alarm.props.ExtendedStatistic ?? '(none)');
  const operator = String(alarm.props.ComparisonOperator ?? '');
  const threshold = Number(alarm.props.Threshold);
  const periods = Number(alarm.props.EvaluationPeriods ?? 1);
  const datapoints = Number(alarm.props.DatapointsToAlarm ?? periods);
  const reached =
    (operator === 'GreaterThanOrEqualToThreshold' && threshold > 0 && threshold <= 1) ||
    (operator === 'GreaterThanThreshold' && threshold >= 0 && threshold < 1);
  const ok = ['Sum', 'Maximum'].includes(statistic) && reached && datapoints === 1;
  return {
    hop: 'alarm-threshold',
    verdict: ok ? 'pass' : 'block',
    detail: `${statistic} ${operator} ${alarm.props.Threshold} over ${datapoints} of ${periods} periods: ${ok ? 'one event (1) in a period fires it, zeros do not' : 'one event (1) in a period does not fire it, or zeros do'}`,
    resource: alarm.ref,
    property: 'Statistic, ComparisonOperator, Threshold, DatapointsToAlarm',
    mutations: ok ? HOP_MUTATIONS['alarm-threshold'](alarm) : undefined,
  };
}

function trailDeliveryHop(model: StageModel, trail: ModelResource, logGroup: ModelResource): HopRecord {
  const target = model.resolve(trail, trail.props.CloudWatchLogsLogGroupArn);
  const delivers =
    target?.logicalId === logGroup.logicalId &&
    target.stackName === logGroup.stackName &&
    trail.props.CloudWatchLogsRoleArn !== undefined;
  const logging = trail.props.IsLogging === true;
  const ok = delivers && logging;
  return {
    hop: 'trail-log-delivery',
    verdict: ok ? 'pass' : 'block',
    detail: ok
      ? "the trail logs and delivers to the filters' log group"
      : `${logging ? '' : 'IsLogging is not true; '}${delivers ? '' : "the trail does not deliver to the filters' log group with a role"}`,
    resource: trail.ref,
    property: 'IsLogging, CloudWatchLogsLogGroupArn',
    mutations: ok ? HOP_MUTATIONS['trail-log-delivery'](trail) : undefined,
  };
}

function bucketNamed(model: StageModel, name: string): ModelResource | undefined {
  return model
    .index(
      'event-paths:buckets-by-name',
      (m) => new Map(m.ofType('AWS::S3::Bucket').map((b) => [m.text(b, b.props.BucketName), b])),
    )
    .get(name);
}
