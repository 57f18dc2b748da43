import {
  applyMutations,
  describePath,
  evaluatePaths,
  PathRecord,
  TemplateMutation,
} from '../../../lib/compliance/paths';
import { DATA_PATHS, HOP_MUTATIONS, judgeDailySchedule } from '../../../lib/compliance/paths/data';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { MIN_RECOVERY_POINT_RETENTION_DAYS } from '../../../lib/core/requirements/data';
import { DATA_PATH_REQUIREMENTS } from '../../../lib/core/requirements/paths/data';
import { optedOutAssembly, referenceAssembly, REFERENCE_ENVIRONMENT } from '../../support/reference-assembly';

const reference = referenceAssembly();

/** The record of one path on the reference environment of an assembly, evaluated afresh. */
function pathOn(assembly: PlatformAssembly, id: string): PathRecord {
  const found = evaluatePaths(assembly, DATA_PATHS).find((p) => p.id === id && p.environment === REFERENCE_ENVIRONMENT);
  if (!found) throw new Error(`no data path ${id} on ${REFERENCE_ENVIRONMENT}`);
  return found;
}

/** The reference with one change to the resource that declared `role`. */
function mutate(
  role: Parameters<ReturnType<typeof stageModels>[number]['theOne']>[0],
  path: (string | number)[],
  value?: unknown,
) {
  const model = stageModels(reference).find((m) => m.name === REFERENCE_ENVIRONMENT)!;
  const r = model.theOne(role);
  const m: TemplateMutation = {
    description: `${role} ${path.join('.')}`,
    stackName: r.stackName,
    logicalId: r.logicalId,
    path,
    value,
    remove: value === undefined,
  };
  return applyMutations(reference, [m]);
}

const blockedAt = (p: PathRecord) => p.hops.find((h) => h.verdict === 'block')?.hop;
const key = (m: TemplateMutation) => JSON.stringify([m.stackName, m.logicalId, m.path, m.value, m.remove]);
const referenceRecords = evaluatePaths(reference, DATA_PATHS).filter((p) => p.environment === REFERENCE_ENVIRONMENT);

describe('data paths on the reference platform', () => {
  test('every data path holds, on the reference and on the opted-out platform', () => {
    // GIVEN the two shared platforms WHEN every data requirement is evaluated
    const broken = [reference, optedOutAssembly()]
      .flatMap((a) => evaluatePaths(a, DATA_PATHS))
      .filter((p) => !p.holds)
      .map(describePath);
    // THEN none is broken
    expect(broken).toEqual([]);
  });

  test('every requirement yields at least one evaluated path, and every stateful store its own', () => {
    const ids = new Set(referenceRecords.map((p) => p.requirementId));
    expect([...ids].sort()).toEqual(DATA_PATH_REQUIREMENTS.map((r) => r.id).sort());
    expect(referenceRecords.filter((p) => p.requirementId === 'data2-daily-recovery-point').map((p) => p.id)).toEqual([
      'data2-daily-recovery-point@database-cluster',
      'data2-daily-recovery-point@uploads-bucket',
      'data2-daily-recovery-point@dumps-bucket',
    ]);
  });

  test('records where each object and recovery point is kept, and for how long', () => {
    const details = referenceRecords.flatMap((p) => p.hops.map((h) => h.detail)).join('\n');
    expect(details).toMatch(/uploads-replica-bucket: uploads\/path-proof\.bin stays the current version indefinitely/);
    expect(details).toMatch(/dumps-bucket: Object Lock holds each new version 35 days in GOVERNANCE mode/);
    expect(details).toMatch(/copy in the recovery vault: kept 35 days/);
  });
});

describe('generated mutations of the data hops', () => {
  const required = referenceRecords.filter((p) => p.expectation === 'required');
  const cases = required.flatMap((p) => {
    const seen = new Set<string>();
    return p.hops
      .filter((h) => h.verdict === 'pass')
      .flatMap((h) =>
        (h.mutations ?? [])
          .filter((m) => !seen.has(key(m)) && seen.add(key(m)))
          .map((m) => [`${p.id} / ${h.hop}: ${m.description}`, p.id, m] as const),
      );
  });

  test('every passing hop of a required path carries mutations, and every hop kind is generated', () => {
    const bare = required.flatMap((p) =>
      p.hops.filter((h) => h.verdict === 'pass' && !h.mutations?.length).map((h) => `${p.id} / ${h.hop}`),
    );
    expect(bare).toEqual([]);
    const kinds = new Set(referenceRecords.flatMap((p) => p.hops.map((h) => h.hop)));
    expect(Object.keys(HOP_MUTATIONS).filter((k) => !kinds.has(k))).toEqual([]);
  });

  test.each(cases)('%s breaks the path', (_label, id, mutation) => {
    expect(pathOn(applyMutations(reference, [mutation]), id).holds).toBe(false);
  });

  const forbidden = referenceRecords.filter((p) => p.expectation === 'forbidden');
  test.each(forbidden.map((p) => [p.id, p] as const))('%s is opened by the mutations of its blocking hops', (id, p) => {
    const blocking = p.hops.filter((h) => h.verdict === 'block');
    expect(blocking.length).toBeGreaterThan(0);
    for (const m of blocking.flatMap((h) => h.mutations ?? [])) {
      expect(pathOn(applyMutations(reference, [m]), id).holds).toBe(false);
    }
  });
});

describe('data path noncompliance', () => {
  test('fails when the uploads replication rule is disabled: the upload stays unreplicated', () => {
    // GIVEN the uploads bucket's only replication rule disabled
    const mutated = mutate(
      'uploads-bucket',
      ['Properties', 'ReplicationConfiguration', 'Rules', 0, 'Status'],
      'Disabled',
    );
    // THEN the replication path breaks at the rule's status and the forbidden path opens
    expect(blockedAt(pathOn(mutated, 'data3-upload-replicated'))).toBe('replication-rule-status');
    expect(pathOn(mutated, 'data3-upload-stays-unreplicated').holds).toBe(false);
  });

  test('fails when the replication filter no longer matches the upload key', () => {
    const mutated = mutate('uploads-bucket', ['Properties', 'ReplicationConfiguration', 'Rules', 0, 'Filter'], {
      Prefix: 'images/',
    });
    expect(blockedAt(pathOn(mutated, 'data3-upload-replicated'))).toBe('replication-filter');
  });

  test('fails when a higher-priority rule to the same replica, without RTC, takes the upload', () => {
    const model = stageModels(reference).find((m) => m.name === REFERENCE_ENVIRONMENT)!;
    const bucket = model.theOne('uploads-bucket');
    const rules = (bucket.props.ReplicationConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    // The same destination and filter, one priority higher, without ReplicationTime or Metrics.
    const destination = { ...(rules[0].Destination as Record<string, unknown>) };
    delete destination.ReplicationTime;
    delete destination.Metrics;
    const mutated = mutate(
      'uploads-bucket',
      ['Properties', 'ReplicationConfiguration', 'Rules'],
      [...rules, { ...rules[0], Id: 'Faster', Priority: 2, Destination: destination }],
    );
    const path = pathOn(mutated, 'data3-upload-replicated');
    expect(blockedAt(path)).toBe('replication-time-control');
    expect(path.hops.find((h) => h.hop === 'replication-priority')?.detail).toMatch(/rule Faster \(priority 2\) wins/);
  });

  test('fails when the replica bucket is renamed in the rule', () => {
    const mutated = mutate(
      'dumps-bucket',
      ['Properties', 'ReplicationConfiguration', 'Rules', 0, 'Destination', 'Bucket'],
      'arn:aws:s3:::somewhere-else',
    );
    expect(blockedAt(pathOn(mutated, 'data3-dump-replicated'))).toBe('replication-destination');
  });

  test('fails when uploads versioning is suspended (DATA-4 and replication)', () => {
    const mutated = mutate('uploads-bucket', ['Properties', 'VersioningConfiguration', 'Status'], 'Suspended');
    expect(blockedAt(pathOn(mutated, 'data4-upload-versioned'))).toBe('bucket-versioning');
    expect(blockedAt(pathOn(mutated, 'data3-upload-replicated'))).toBe('bucket-versioning');
    expect(blockedAt(pathOn(mutated, 'data2-daily-recovery-point@uploads-bucket'))).toBe('bucket-versioning');
  });

  test('fails when the backup rule runs weekly', () => {
    const mutated = mutate(
      'backup-plan',
      ['Properties', 'BackupPlan', 'BackupPlanRule', 0, 'ScheduleExpression'],
      'cron(0 3 ? * MON *)',
    );
    expect(blockedAt(pathOn(mutated, 'data2-daily-recovery-point@database-cluster'))).toBe('backup-rule-schedule');
  });

  test('fails when recovery points are kept fewer days than the minimum: the forbidden path opens', () => {
    const mutated = mutate(
      'backup-plan',
      ['Properties', 'BackupPlan', 'BackupPlanRule', 0, 'Lifecycle', 'DeleteAfterDays'],
      MIN_RECOVERY_POINT_RETENTION_DAYS - 1,
    );
    const rule = pathOn(reference, 'data2-daily-recovery-point@database-cluster');
    expect(rule.holds).toBe(true);
    expect(pathOn(mutated, 'data2-daily-recovery-point@database-cluster').holds).toBe(false);
    expect(pathOn(mutated, 'data2-recovery-point-kept-too-briefly@DailyWithCrossRegionCopy').holds).toBe(false);
  });

  test('fails when the copy action is removed', () => {
    const mutated = mutate('backup-plan', ['Properties', 'BackupPlan', 'BackupPlanRule', 0, 'CopyActions']);
    expect(blockedAt(pathOn(mutated, 'data3-recovery-point-copied@uploads-bucket'))).toBe('copy-action');
    // DATA-2's path stays: the point is still taken and kept in the primary vault.
    expect(pathOn(mutated, 'data2-daily-recovery-point@uploads-bucket').holds).toBe(true);
  });

  test('fails when the selection excludes the database by NotResources, or names nothing', () => {
    const model = stageModels(reference).find((m) => m.name === REFERENCE_ENVIRONMENT)!;
    const selection = model.theOne('backup-selection');
    const [database] = (selection.props.BackupSelection as { Resources: unknown[] }).Resources;
    const excluded = mutate('backup-selection', ['Properties', 'BackupSelection', 'NotResources'], [database]);
    expect(blockedAt(pathOn(excluded, 'data2-daily-recovery-point@database-cluster'))).toBe('backup-selection-covers');
    expect(pathOn(excluded, 'data2-daily-recovery-point@uploads-bucket').holds).toBe(true);
    const emptied = mutate('backup-selection', ['Properties', 'BackupSelection', 'Resources'], []);
    expect(blockedAt(pathOn(emptied, 'data2-daily-recovery-point@dumps-bucket'))).toBe('backup-selection-covers');
  });

  test('fails when a Vault Lock minimum exceeds the rule retention (AWS Backup fails the job)', () => {
    const mutated = mutate('recovery-vault', ['Properties', 'LockConfiguration', 'MinRetentionDays'], 60);
    const path = pathOn(mutated, 'data3-recovery-point-copied@database-cluster');
    expect(blockedAt(path)).toBe('vault-lock-range');
  });

  test('fails when the dump schedule is disabled or targets another cluster', () => {
    const disabled = mutate('dump-schedule', ['Properties', 'State'], 'DISABLED');
    expect(blockedAt(pathOn(disabled, 'rest3-daily-dump'))).toBe('schedule-state');
    const elsewhere = mutate(
      'dump-schedule',
      ['Properties', 'Target', 'Arn'],
      'arn:aws:ecs:eu-west-1:123456789012:cluster/x',
    );
    expect(blockedAt(pathOn(elsewhere, 'rest3-daily-dump'))).toBe('schedule-target');
  });

  test('fails when the dumps are locked fewer days than the minimum', () => {
    const mutated = mutate(
      'dumps-bucket',
      ['Properties', 'ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Days'],
      MIN_RECOVERY_POINT_RETENTION_DAYS - 1,
    );
    expect(blockedAt(pathOn(mutated, 'rest3-daily-dump'))).toBe('object-lock-retention');
  });
});

describe('daily schedule expressions (AWS six-field cron)', () => {
  test.each([
    ['cron(0 3 * * ? *)', true],
    ['cron(15 */6 ? * * *)', true],
    ['cron(0 5 ? * SUN-SAT *)', true],
    ['cron(0 5 ? * 1-7 *)', true],
    ['rate(1 day)', true],
    ['rate(12 hours)', true],
    ['cron(0 3 ? * SUN *)', false],
    ['cron(0 3 ? * MON-FRI *)', false],
    ['cron(0 3 1 * ? *)', false],
    ['cron(0 3 */2 * ? *)', false],
    ['cron(0 3 * 1-6 ? *)', false],
    ['cron(0 3 * * ? 2030)', false],
    ['cron(0 3 L * ? *)', false],
    ['cron(0 3 * * * *)', false],
    ['cron(0 3 * * ?)', false],
    ['rate(2 days)', false],
    ['at(2030-01-01T00:00:00)', false],
  ])('%s daily: %s', (expression, daily) => {
    expect(judgeDailySchedule(expression, { acceptsRate: true }).daily).toBe(daily);
  });

  test('AWS Backup takes cron only', () => {
    expect(judgeDailySchedule('rate(1 day)', { acceptsRate: false }).daily).toBe(false);
  });
});
