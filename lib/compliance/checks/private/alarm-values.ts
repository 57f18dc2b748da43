import type { AlarmDimension, AlarmProps } from '../../template/cfn/cloudwatch';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

/** An enabled CloudWatch alarm's metric, as its template states it (single-metric alarms only). */
export interface AlarmMetric {
  readonly alarm: ModelResource<AlarmProps>;
  readonly namespace?: string;
  readonly metricName?: string;
  /** Each dimension's value as text, where the template alone fixes it. */
  readonly dimensions: Record<string, string | undefined>;
  /** The resource each dimension's value refers to (a bucket of generated name, named by a reference), if any. */
  readonly dimensionTargets: Record<string, ModelResource | undefined>;
  readonly hasAction: boolean;
}

/** Every single-metric alarm of the model with actions enabled. */
export function alarmMetrics(model: StageModel): AlarmMetric[] {
  return model
    .ofType<AlarmProps>('AWS::CloudWatch::Alarm')
    .filter((a) => a.props.ActionsEnabled !== false)
    .map((alarm) => {
      const dimensions = asArray<AlarmDimension>(alarm.props.Dimensions);
      return {
        alarm,
        namespace: model.text(alarm, alarm.props.Namespace),
        metricName: model.text(alarm, alarm.props.MetricName),
        dimensions: Object.fromEntries(dimensions.map((d) => [String(d.Name), model.text(alarm, d.Value)])),
        dimensionTargets: Object.fromEntries(dimensions.map((d) => [String(d.Name), model.resolve(alarm, d.Value)])),
        hasAction: asArray(alarm.props.AlarmActions).length > 0,
      };
    });
}
