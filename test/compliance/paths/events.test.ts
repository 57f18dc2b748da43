import { EVENT_PATH_REQUIREMENTS } from '../../../lib/core/requirements/paths/events';
import { applyMutations, PathRecord, TemplateMutation } from '../../../lib/compliance/paths';
import { evaluatePaths } from '../../../lib/compliance/paths/path-checks';
import { EVENT_PATHS, matchesPattern } from '../../../lib/compliance/paths/events';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { referenceAssembly } from '../../support/reference-assembly';

/** The records of one requirement on a (mutated) assembly, in the environment of `like`. */
function recordsLike(assembly: PlatformAssembly, like: PathRecord): PathRecord[] {
  const model = stageModels(assembly).find((m) => m.name === like.environment)!;
  const requirement = EVENT_PATH_REQUIREMENTS.find((r) => r.id === like.requirementId)!;
  try {
    return EVENT_PATHS.evaluate(model, requirement);
  } catch {
    return [];
  }
}

function recordAfter(mutations: readonly TemplateMutation[], like: PathRecord): PathRecord | undefined {
  return recordsLike(applyMutations(referenceAssembly(), mutations), like).find((r) => r.id === like.id);
}

function mutationKey(m: TemplateMutation): string {
  return `${m.stackName}/${m.logicalId}/${m.path.join('.')}=${m.remove ? 'REMOVE' : JSON.stringify(m.value)}`;
}

describe('EventBridge pattern matching, on the examples of AWS documentation', () => {
  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html and
  // eb-event-patterns.html, eb-event-patterns-arrays.html; Event Ruler's README for array consistency.
  const ec2Event = {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
    detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', 'c-count': 5, 'source-ip': '10.0.0.33' },
  };
  const table: [string, unknown, unknown, boolean][] = [
    [
      'source, detail-type and a detail field (AND)',
      {
        source: ['aws.ec2'],
        'detail-type': ['EC2 Instance State-change Notification'],
        detail: { state: ['terminated'] },
      },
      ec2Event,
      true,
    ],
    ['a field missing from the event', { detail: { 'missing-field': ['x'] } }, ec2Event, false],
    ['values OR', { source: ['aws.ec2', 'aws.fargate'] }, ec2Event, true],
    ['case-sensitive values', { source: ['AWS.EC2'] }, ec2Event, false],
    ['prefix', { time: [{ prefix: '2017-12-22' }] }, ec2Event, true],
    ['prefix equals-ignore-case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, ec2Event, true],
    ['suffix', { source: [{ suffix: 'ec2' }] }, ec2Event, true],
    ['suffix equals-ignore-case', { source: [{ suffix: { 'equals-ignore-case': 'EC2' } }] }, ec2Event, true],
    [
      'equals-ignore-case',
      { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
      ec2Event,
      true,
    ],
    ['wildcard', { resources: [{ wildcard: 'arn:aws:ec2:*:*:instance/*' }] }, ec2Event, true],
    ['wildcard that does not match', { source: [{ wildcard: 'aws.s*3' }] }, ec2Event, false],
    ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event, true],
    ['anything-but the value', { detail: { state: [{ 'anything-but': 'terminated' }] } }, ec2Event, false],
    ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2Event, true],
    ['anything-but a number', { detail: { 'c-count': [{ 'anything-but': [5] }] } }, ec2Event, false],
    ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'term' } }] } }, ec2Event, false],
    ['anything-but a suffix', { detail: { 'instance-id': [{ 'anything-but': { suffix: '1' } }] } }, ec2Event, true],
    [
      'anything-but equals-ignore-case list',
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED', 'x'] } }] } },
      ec2Event,
      false,
    ],
    ['anything-but on a missing field', { detail: { missing: [{ 'anything-but': 'x' }] } }, ec2Event, false],
    ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, ec2Event, true],
    ['numeric out of range', { detail: { 'c-count': [{ numeric: ['<', 5] }] } }, ec2Event, false],
    ['numeric equals', { detail: { 'c-count': [{ numeric: ['=', 5] }] } }, ec2Event, true],
    ['numeric on a string', { detail: { state: [{ numeric: ['>', 0] }] } }, ec2Event, false],
    ['cidr', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, ec2Event, true],
    ['exists true', { detail: { state: [{ exists: true }] } }, ec2Event, true],
    ['exists false on a present field', { detail: { state: [{ exists: false }] } }, ec2Event, false],
    ['exists false on a missing field', { detail: { 'c-count-missing': [{ exists: false }] } }, ec2Event, true],
    [
      '$or of fields',
      { source: ['aws.ec2'], $or: [{ 'detail-type': ['nope'] }, { detail: { state: ['terminated'] } }] },
      ec2Event,
      true,
    ],
    ['$or where no alternative matches', { $or: [{ source: ['a'] }, { region: ['b'] }] }, ec2Event, false],
    [
      'an event array intersecting the pattern array',
      {
        resources: [
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',
        ],
      },
      ec2Event,
      true,
    ],
    [
      'arrays of objects: fields within one element',
      { employees: { firstName: ['Anna'], lastName: ['Smith'] } },
      {
        employees: [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
        ],
      },
      true,
    ],
    [
      'arrays of objects: fields across elements do not combine',
      { employees: { firstName: ['Anna'], lastName: ['Doe'] } },
      {
        employees: [
          { firstName: 'John', lastName: 'Doe' },
          { firstName: 'Anna', lastName: 'Smith' },
        ],
      },
      false,
    ],
    ['null and booleans', { detail: { a: [null], b: [true] } }, { detail: { a: null, b: true } }, true],
  ];
  test.each(table)('%s', (_name, pattern, event, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  test('throws on an operator EventBridge does not document (the hop then blocks)', () => {
    expect(() => matchesPattern({ source: [{ regex: '.*' }] }, ec2Event)).toThrow(/not one EventBridge documents/);
  });
});

describe('event paths on the reference platform', () => {
  let records: PathRecord[];
  beforeAll(() => {
    records = evaluatePaths(referenceAssembly(), EVENT_PATHS);
  });

  test('every requirement holds, in every region it names', () => {
    const failing = records
      .filter((r) => !r.holds)
      .map(
        (r) =>
          `${r.environment} ${r.id}: ${
            r.problem ??
            r.hops
              .filter((h) => h.verdict === 'block')
              .map((h) => `${h.hop}: ${h.detail}`)
              .join('; ')
          }`,
      );
    expect(failing).toEqual([]);
    expect(new Set(records.map((r) => r.requirementId))).toEqual(new Set(EVENT_PATH_REQUIREMENTS.map((r) => r.id)));
  });

  test('the findings of the recovery region travel through the forwarding rule to the primary topic', () => {
    const recovery = records.find(
      (r) => r.environment === 'ref' && r.id === 'guardduty-high-finding-alerts@eu-central-1',
    )!;
    expect(recovery.hops.map((h) => h.hop)).toContain('event-forward-role');
  });

  test('each mutation of a passing hop of a required path makes that path fail', () => {
    const byMutation = new Map<string, { mutation: TemplateMutation; records: PathRecord[] }>();
    for (const r of records.filter((x) => x.environment === 'ref' && x.expectation === 'required')) {
      for (const h of r.hops.filter((x) => x.verdict === 'pass')) {
        for (const m of h.mutations ?? []) {
          const entry = byMutation.get(mutationKey(m)) ?? { mutation: m, records: [] };
          if (!entry.records.includes(r)) entry.records.push(r);
          byMutation.set(mutationKey(m), entry);
        }
      }
    }
    const survivors: string[] = [];
    for (const { mutation, records: affected } of byMutation.values()) {
      const mutated = applyMutations(referenceAssembly(), [mutation]);
      for (const r of affected) {
        const after = recordsLike(mutated, r).find((x) => x.id === r.id);
        if (after?.holds) survivors.push(`${r.id} survives ${mutation.logicalId} ${mutation.description}`);
      }
    }
    expect(survivors).toEqual([]);
    expect(byMutation.size).toBeGreaterThan(20);
  });

  test('each mutation of a blocking hop of a forbidden path opens it', () => {
    const forbidden = records.filter((r) => r.environment === 'ref' && r.expectation === 'forbidden');
    expect(forbidden.length).toBeGreaterThan(0);
    const closedStill: string[] = [];
    let tried = 0;
    for (const r of forbidden) {
      for (const m of r.hops.filter((h) => h.verdict === 'block').flatMap((h) => h.mutations ?? [])) {
        tried++;
        if (recordAfter([m], r)?.holds !== false)
          closedStill.push(`${r.id} stays closed after ${m.logicalId} ${m.description}`);
      }
    }
    expect(closedStill).toEqual([]);
    expect(tried).toBeGreaterThan(0);
  });
});

describe('event path noncompliance', () => {
  const find = (records: PathRecord[], id: string) => records.find((r) => r.environment === 'ref' && r.id === id)!;

  test("fails when the dump-failure rule matches any container's exit code (the GuardDuty sidecar's alone alerts)", () => {
    // GIVEN the dump-failure rule without the container name
    const rule = find(evaluatePaths(referenceAssembly(), EVENT_PATHS), 'dump-failed-alerts').hops.find(
      (h) => h.hop === 'event-rule-pattern',
    )!.resource!;
    const mutated = applyMutations(referenceAssembly(), [
      {
        description: 'containers.name removed',
        stackName: rule.stackName,
        logicalId: rule.logicalId,
        path: ['Properties', 'EventPattern', 'detail', 'containers', 'name'],
        remove: true,
      },
    ]);
    // WHEN the paths are evaluated
    const records = evaluatePaths(mutated, EVENT_PATHS);
    // THEN the sidecar's exit reaches the topic
    expect(find(records, 'dump-sidecar-exit-silent').holds).toBe(false);
    expect(find(records, 'dump-failed-alerts').holds).toBe(true);
  });

  test('fails in the recovery region only when the forwarding rule is disabled', () => {
    const forwarding = find(
      evaluatePaths(referenceAssembly(), EVENT_PATHS),
      'guardduty-high-finding-alerts@eu-central-1',
    ).hops.find((h) => h.hop === 'event-rule-state')!.resource!;
    const records = evaluatePaths(
      applyMutations(referenceAssembly(), [
        {
          description: 'State: DISABLED',
          stackName: forwarding.stackName,
          logicalId: forwarding.logicalId,
          path: ['Properties', 'State'],
          value: 'DISABLED',
        },
      ]),
      EVENT_PATHS,
    );
    expect(find(records, 'guardduty-high-finding-alerts@eu-central-1').holds).toBe(false);
    expect(find(records, 'guardduty-high-finding-alerts@eu-west-1').holds).toBe(true);
  });

  test("fails for every EventBridge alert, not the alarms, when the topic's key stops granting events.amazonaws.com", () => {
    const reference = evaluatePaths(referenceAssembly(), EVENT_PATHS);
    const keyHop = find(reference, 'backup-job-failed-alerts').hops.find((h) => h.hop === 'topic-key-policy')!;
    const records = evaluatePaths(applyMutations(referenceAssembly(), keyHop.mutations!), EVENT_PATHS);
    const ref = records.filter((r) => r.environment === 'ref');
    expect(ref.filter((r) => r.expectation === 'required' && !r.id.includes('alarm')).every((r) => !r.holds)).toBe(
      true,
    );
    expect(ref.filter((r) => r.requirementId === 'cis-alarms-alert').every((r) => r.holds)).toBe(true);
  });

  test('alerts when the dump check fails or stops running, and fails when its function is renamed away from the alarms', () => {
    // GIVEN the two dump-check alarms (Errors, and Invocations below 1 for 26 hours), each its own path
    const records = evaluatePaths(referenceAssembly(), EVENT_PATHS).filter(
      (r) => r.environment === 'ref' && r.requirementId === 'dump-check-alarms-alert',
    );
    expect(records.map((r) => r.subject.replace(/^alarm \S+ /, '').replace(/, to .*/, '')).sort()).toEqual([
      '(Errors) entering ALARM',
      '(Invocations) entering ALARM',
    ]);
    expect(records.every((r) => r.holds)).toBe(true);
    // WHEN the function gets another name than the one the alarms watch
    const model = stageModels(referenceAssembly()).find((m) => m.name === 'ref')!;
    const fn = model.theOne('dump-check-function');
    const renamed = records.map((r) =>
      recordAfter(
        [
          {
            description: 'FunctionName: ref-dump-check-renamed',
            stackName: fn.stackName,
            logicalId: fn.logicalId,
            path: ['Properties', 'FunctionName'],
            value: 'ref-dump-check-renamed',
          },
        ],
        r,
      ),
    );
    // THEN Lambda emits nothing the alarms read: both paths block at their metric
    expect(renamed.map((r) => r?.hops.find((h) => h.verdict === 'block')?.hop)).toEqual([
      'alarm-metric',
      'alarm-metric',
    ]);
  });

  test('fails when an alarm counting events treats missing data as breaching, or the trail stops logging', () => {
    // GIVEN the root-use alarm
    const root = evaluatePaths(referenceAssembly(), EVENT_PATHS).find(
      (r) => r.environment === 'ref' && r.requirementId === 'cis-alarms-alert' && r.subject.includes('RootAccountUse'),
    )!;
    const alarm = root.hops.find((h) => h.hop === 'alarm-action')!.resource!;
    const trail = root.hops.find((h) => h.hop === 'trail-log-delivery')!.resource!;
    // WHEN missing data breaches (the alarm sits in ALARM and never notifies again), or the trail stops
    const breaching = recordAfter(
      [
        {
          description: 'TreatMissingData: breaching',
          stackName: alarm.stackName,
          logicalId: alarm.logicalId,
          path: ['Properties', 'TreatMissingData'],
          value: 'breaching',
        },
      ],
      root,
    );
    const stopped = recordAfter(
      [
        {
          description: 'IsLogging: false',
          stackName: trail.stackName,
          logicalId: trail.logicalId,
          path: ['Properties', 'IsLogging'],
          value: false,
        },
      ],
      root,
    );
    // THEN the path fails at that hop
    expect(breaching?.hops.find((h) => h.verdict === 'block')?.hop).toBe('alarm-missing-data');
    expect(stopped?.hops.find((h) => h.verdict === 'block')?.hop).toBe('trail-log-delivery');
  });
});
