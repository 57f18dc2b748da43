import type { LocatedResource, PlatformAssembly } from '../../template/platform-assembly';
import { asArray, flatten, prop } from '../../template/template-values';

/** An enabled CloudWatch alarm's metric, as its template states it (single-metric alarms only). */
export interface AlarmMetric {
  readonly alarm: LocatedResource;
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions: Record<string, string | undefined>;
  /** The dimension values as written (a Ref or GetAtt of a resource of the alarm's template, where not literal). */
  readonly rawDimensions: Record<string, unknown>;
  readonly hasAction: boolean;
}

/** Every single-metric alarm of the assembly with actions enabled. */
export function alarmMetrics(assembly: PlatformAssembly): AlarmMetric[] {
  return assembly
    .resourcesOfType('AWS::CloudWatch::Alarm')
    .filter((a) => prop(a, 'ActionsEnabled') !== false)
    .map((alarm) => ({
      alarm,
      namespace: prop(alarm, 'Namespace') as string | undefined,
      metricName: prop(alarm, 'MetricName') as string | undefined,
      dimensions: Object.fromEntries(
        asArray<{ Name?: string; Value?: unknown }>(prop(alarm, 'Dimensions')).map((d) => [
          String(d.Name),
          flatten(d.Value, alarm.stack),
        ]),
      ),
      rawDimensions: Object.fromEntries(
        asArray<{ Name?: string; Value?: unknown }>(prop(alarm, 'Dimensions')).map((d) => [String(d.Name), d.Value]),
      ),
      hasAction: asArray(prop(alarm, 'AlarmActions')).length > 0,
    }));
}
