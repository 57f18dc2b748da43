import { applyMutations, PathRecord, TemplateMutation } from '../../../lib/compliance/paths';
import { evaluatePaths } from '../../../lib/compliance/paths/path-checks';
import { EVENT_PATHS } from '../../../lib/compliance/paths/events';
import type { ResourceRef } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { EMF_ENVIRONMENT } from '../../../lib/core/requirements/emf-metrics';
import { referenceAssembly } from '../../support/reference-assembly';

const ALARM_PATH = 'restore-validation-failed-alarm-alerts';

const recordOf = (records: PathRecord[]) =>
  records.filter((r) => r.environment === 'ref' && r.requirementId === ALARM_PATH);
const blocking = (r: PathRecord | undefined) => r?.hops.find((h) => h.verdict === 'block');

type Change = Omit<TemplateMutation, 'stackName' | 'logicalId'>;

/** The alarm path of the reference with one change to one resource. */
function recordAfter(resource: ResourceRef, change: Change): PathRecord | undefined {
  const { stackName, logicalId } = resource;
  return recordOf(
    evaluatePaths(applyMutations(referenceAssembly(), [{ ...change, stackName, logicalId }]), EVENT_PATHS),
  )[0];
}

// GIVEN the reference platform: the validation function writes its verdict metric, an alarm in the monitoring stack
// reads it and notifies the alert topic
describe("a failed restore validation alarms on the function's verdict metric and reaches the alert topic", () => {
  const model = stageModels(referenceAssembly()).find((m) => m.name === 'ref')!;
  const alarm = model.theOne('restore-validation-alarm');
  const fn = model.theOne('restore-validation-function');
  const variable = (name: string): (string | number)[] => ['Properties', 'Environment', 'Variables', name];

  test('the path holds, hop by hop, to the subscribers of the alert topic', () => {
    const records = recordOf(evaluatePaths(referenceAssembly(), EVENT_PATHS));
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record.claim).toBe('DATA-2');
    expect(blocking(record)).toBeUndefined();
    expect(record.holds).toBe(true);
    expect(record.hops.map((h) => h.hop)).toEqual([
      'alarm-metric',
      'alarm-threshold',
      'alarm-missing-data',
      'alarm-actions-enabled',
      'alarm-action',
      'topic-policy',
      'topic-key-policy',
      'topic-subscription',
    ]);
    expect(record.hops[0].detail).toBe(
      'the restore-validation-function writes SecurePlatform/RestoreTesting/RestoreValidationFailed by Environment=ref to its log (embedded metric format)',
    );
  });

  // WHEN one property AWS reads on the way is changed, THEN the path fails at that hop
  test.each<[string, 'alarm' | 'function', Change, string]>([
    [
      "the alarm's actions are disabled",
      'alarm',
      { description: 'ActionsEnabled: false', path: ['Properties', 'ActionsEnabled'], value: false },
      'alarm-actions-enabled',
    ],
    [
      'the alarm has no action',
      'alarm',
      { description: 'AlarmActions: []', path: ['Properties', 'AlarmActions'], value: [] },
      'alarm-action',
    ],
    [
      'the alarm notifies another topic',
      'alarm',
      {
        description: 'AlarmActions: another topic',
        path: ['Properties', 'AlarmActions'],
        value: ['arn:aws:sns:eu-west-1:111111111111:another-topic'],
      },
      'alarm-action',
    ],
    [
      'the alarm reads another metric name',
      'alarm',
      { description: 'MetricName', path: ['Properties', 'MetricName'], value: 'RestoreValidationFailures' },
      'alarm-metric',
    ],
    [
      'the alarm reads another namespace',
      'alarm',
      { description: 'Namespace', path: ['Properties', 'Namespace'], value: 'SecurePlatform/Backup' },
      'alarm-metric',
    ],
    [
      "the alarm reads another environment's dimension value",
      'alarm',
      {
        description: 'Dimensions[0].Value',
        path: ['Properties', 'Dimensions', 0, 'Value'],
        value: 'prod',
      },
      'alarm-metric',
    ],
    [
      'the alarm reads a dimension the function does not write',
      'alarm',
      {
        description: 'Dimensions: ResourceType too',
        path: ['Properties', 'Dimensions'],
        value: [
          { Name: 'Environment', Value: 'ref' },
          { Name: 'ResourceType', Value: 'Aurora' },
        ],
      },
      'alarm-metric',
    ],
    [
      'the function is told another namespace',
      'function',
      { description: 'EMF_NAMESPACE', path: variable(EMF_ENVIRONMENT.namespace), value: 'Other/Namespace' },
      'alarm-metric',
    ],
    [
      'the function is told no dimension value',
      'function',
      { description: 'EMF_DIMENSION_VALUE removed', path: variable(EMF_ENVIRONMENT.dimensionValue), remove: true },
      'alarm-metric',
    ],
    [
      'one failure can never reach the threshold',
      'alarm',
      { description: 'Threshold: 2', path: ['Properties', 'Threshold'], value: 2 },
      'alarm-threshold',
    ],
    [
      'successes alone would reach the threshold',
      'alarm',
      { description: 'Threshold: 0', path: ['Properties', 'Threshold'], value: 0 },
      'alarm-threshold',
    ],
    [
      'the alarm averages a failure with a success',
      'alarm',
      { description: 'Statistic: Average', path: ['Properties', 'Statistic'], value: 'Average' },
      'alarm-threshold',
    ],
    [
      'one failure must be seen in two periods',
      'alarm',
      { description: 'DatapointsToAlarm: 2', path: ['Properties', 'DatapointsToAlarm'], value: 2 },
      'alarm-threshold',
    ],
    [
      'weeks without a restore test hold the alarm in ALARM',
      'alarm',
      { description: 'TreatMissingData: breaching', path: ['Properties', 'TreatMissingData'], value: 'breaching' },
      'alarm-missing-data',
    ],
  ])('fails when %s', (_label, target, change, hop) => {
    const after = recordAfter(target === 'alarm' ? alarm.ref : fn.ref, change);
    expect(after?.holds).toBe(false);
    expect(blocking(after)?.hop).toBe(hop);
  });
});
