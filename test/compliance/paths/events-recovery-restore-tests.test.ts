import { applyMutations, PathRecord, TemplateMutation } from '../../../lib/compliance/paths';
import { evaluatePaths } from '../../../lib/compliance/paths/path-checks';
import { EVENT_PATHS } from '../../../lib/compliance/paths/events';
import type { ResourceRef } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { PLATFORM_ROLE_METADATA_KEY } from '../../../lib/core/platform-roles';
import { referenceAssembly } from '../../support/reference-assembly';

const RESTORE = 'recovery-restore-test-failed-alerts';
const VALIDATION = 'recovery-restore-validation-failed-alerts';
const PRIMARY = 'restore-test-failed-alerts';

const find = (records: PathRecord[], id: string) => records.find((r) => r.environment === 'ref' && r.id === id)!;
const blocking = (r: PathRecord) => r.hops.find((h) => h.verdict === 'block');
/** The rules a path travels, in order (each rule's chain has one state hop). */
const rulesOf = (r: PathRecord) => r.hops.filter((h) => h.hop === 'event-rule-state').map((h) => h.resource!);

/** The event paths of the reference with one change to one resource. */
function recordsAfter(resource: ResourceRef, change: Omit<TemplateMutation, 'stackName' | 'logicalId'>): PathRecord[] {
  const { stackName, logicalId } = resource;
  return evaluatePaths(applyMutations(referenceAssembly(), [{ ...change, stackName, logicalId }]), EVENT_PATHS);
}

// GIVEN the reference platform, whose recovery region runs a restore testing plan on the copy vault
describe("restore tests of the recovery region alert through the primary region's rules", () => {
  let reference: PathRecord[];
  let forwardingRule: ResourceRef;
  let primaryRule: ResourceRef;
  beforeAll(() => {
    reference = evaluatePaths(referenceAssembly(), EVENT_PATHS);
    [forwardingRule, primaryRule] = rulesOf(find(reference, RESTORE));
  });

  test('a failed restore test of the recovery region reaches the topic through a forwarding rule and a primary rule', () => {
    const model = stageModels(referenceAssembly()).find((m) => m.name === 'ref')!;
    const logicalIds = (role: 'restore-test-forwarding-rule' | 'restore-test-alert-rule', region: string) =>
      model
        .withRole(role)
        .filter((r) => r.region === region)
        .map((r) => r.logicalId);
    for (const id of [RESTORE, VALIDATION]) {
      const record = find(reference, id);
      expect(record.holds).toBe(true);
      expect(record.subject).toMatch(/emitted in eu-central-1, to /);
      const [forward, alert] = rulesOf(record);
      expect(logicalIds('restore-test-forwarding-rule', 'eu-central-1')).toContain(forward.logicalId);
      expect(logicalIds('restore-test-alert-rule', 'eu-west-1')).toContain(alert.logicalId);
      expect(record.hops.map((h) => h.hop)).toEqual(
        expect.arrayContaining(['event-forward-role', 'topic-policy', 'topic-key-policy', 'topic-subscription']),
      );
    }
    // One path per requirement: the recovery region's only, no `@region` instance.
    expect(reference.filter((r) => r.environment === 'ref' && r.requirementId === RESTORE)).toHaveLength(1);
  });

  test.each<[string, Omit<TemplateMutation, 'stackName' | 'logicalId'>, string]>([
    [
      'the forwarding rule is disabled',
      { description: 'State: DISABLED', path: ['Properties', 'State'], value: 'DISABLED' },
      'event-rule-state',
    ],
    [
      'the forwarding pattern no longer matches the failing state',
      {
        description: 'EventPattern.detail.status: ABORTED only',
        path: ['Properties', 'EventPattern', 'detail', 'status'],
        value: ['ABORTED'],
      },
      'event-rule-pattern',
    ],
    [
      "the forwarding rule's target is removed",
      { description: 'Targets[0] removed', path: ['Properties', 'Targets', 0], remove: true },
      'event-rule-target',
    ],
  ])('fails in the recovery region alone when %s', (_what, change, hop) => {
    // WHEN the rule that forwards the failed restore is changed
    const records = recordsAfter(forwardingRule, change);
    // THEN the recovery path fails at that hop, and the primary region's own restore tests still alert
    const recovery = find(records, RESTORE);
    expect(recovery.holds).toBe(false);
    expect(blocking(recovery)?.hop).toBe(hop);
    expect(find(records, PRIMARY).holds).toBe(true);
  });

  test('fails when the primary rule matches the primary plan only (a forwarded event keeps its own plan)', () => {
    // WHEN the primary rule of failed restores matches plans named *_restore_tests_primary*
    const records = recordsAfter(primaryRule, {
      description: 'EventPattern.detail.restoreTestingPlanArn: the primary plan only',
      path: ['Properties', 'EventPattern', 'detail', 'restoreTestingPlanArn'],
      value: [{ wildcard: '*_restore_tests_primary*' }],
    });
    // THEN the primary region still alerts, the recovery region's event stops at a primary rule's pattern
    expect(find(records, PRIMARY).holds).toBe(true);
    const recovery = find(records, RESTORE);
    expect(recovery.holds).toBe(false);
    expect(blocking(recovery)).toMatchObject({ hop: 'event-rule-pattern', resource: { stackName: 'ref-Monitoring' } });
  });

  test('fails when the forwarding rule loses its role: a rule of another role does not count', () => {
    const records = recordsAfter(forwardingRule, {
      description: 'platform roles removed',
      path: ['Metadata', PLATFORM_ROLE_METADATA_KEY],
      remove: true,
    });
    // The one forwarding rule left forwards validations, whose pattern rejects a failed restore.
    expect(find(records, RESTORE).holds).toBe(false);
    expect(blocking(find(records, RESTORE))?.detail).toMatch(/does not match/);
    expect(find(records, VALIDATION).holds).toBe(true);
  });

  test('fails, naming the role, when the recovery region has no restore testing plan', () => {
    const model = stageModels(referenceAssembly()).find((m) => m.name === 'ref')!;
    const plan = model.withRole('restore-testing-plan').find((p) => p.region === 'eu-central-1')!;
    const records = recordsAfter(plan.ref, {
      description: 'platform roles removed',
      path: ['Metadata', PLATFORM_ROLE_METADATA_KEY],
      remove: true,
    });
    expect(find(records, RESTORE).holds).toBe(false);
    expect(find(records, RESTORE).problem).toMatch(/0 resources of role restore-testing-plan in eu-central-1/);
  });
});
