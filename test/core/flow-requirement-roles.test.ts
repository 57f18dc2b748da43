import { stageModels } from '../../lib/compliance/template/stage-model';
import { PLATFORM_ROLES, PlatformRole } from '../../lib/core/platform-roles';
import { FLOWS_BY_CLAIM, FORBIDDEN_FLOWS, REQUIRED_FLOWS, rolesNamedBy } from '../../lib/core/requirements/flows';
import { optedOutAssembly, referenceAssembly } from '../support/reference-assembly';

const FLOWS = [...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS];
/** Every platform role a flow requirement names, with the flows that name it. */
const NAMED = [...new Set(FLOWS.flatMap(rolesNamedBy))].sort();

describe('the flow requirements', () => {
  test.each([
    ['reference', referenceAssembly],
    ['opted-out', optedOutAssembly],
  ])('every role a flow names is declared on the %s platform as its cardinality says', (_, assembly) => {
    const models = stageModels(assembly());
    expect(models).toHaveLength(1);
    const violations = NAMED.flatMap((role: PlatformRole) => {
      const n = models[0].withRole(role).length;
      const { cardinality } = PLATFORM_ROLES[role];
      const ok = { one: n === 1, some: n >= 1, optional: n <= 1 }[cardinality];
      const by = FLOWS.filter((f) => rolesNamedBy(f).includes(role)).map((f) => f.id);
      return ok ? [] : [`${role} (${cardinality}) declared ${n} times, named by ${by.join(', ')}`];
    });
    expect(violations).toEqual([]);
  });

  test('name the principals and resources the proofs stand on', () => {
    expect(NAMED).toEqual(
      expect.arrayContaining([
        'dump-execution-role',
        'service-execution-role',
        'backup-role',
        'uploads-bucket',
        'recovery-vault',
        'break-glass-role',
        'alert-topic',
      ]),
    );
  });

  test('are one table per claim, and flow ids are unique', () => {
    const claims = FLOWS_BY_CLAIM.map((t) => t.claim);
    expect(new Set(claims).size).toBe(claims.length);
    for (const table of FLOWS_BY_CLAIM)
      for (const flow of [...table.required, ...table.forbidden]) expect(flow.claim).toBe(table.claim);
    const ids = FLOWS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
