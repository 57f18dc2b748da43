import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { FlowRequirement, FORBIDDEN_FLOWS, REQUIRED_FLOWS } from '../../../lib/core/requirements/flows';
import { evaluateFlows, evaluateFlowsTogether, flowChecks, FlowTable } from '../../../lib/compliance/flows';
import { referenceAssembly } from '../../support/reference-assembly';
import { breakFlow } from './flow-mutations';

/**
 * One mutation per flow of the table, derived from its verdict on the reference (flow-mutations.ts): a flow added to
 * lib/core/requirements/flows/ is mutation-tested here without new test code. All mutated copies are evaluated
 * in one engine run (evaluateFlowsTogether); each check then reads its copy's cached evaluation.
 */
describe('each flow check fails when its mechanism is broken in a copy of the synthesized templates', () => {
  const cases = [
    ...REQUIRED_FLOWS.map((flow) => ['required', flow] as const),
    ...FORBIDDEN_FLOWS.map((flow) => ['forbidden', flow] as const),
  ];
  const mutations = new Map<FlowRequirement, { table: FlowTable; mutated: PlatformAssembly; what: string }>();

  beforeAll(() => {
    // GIVEN every flow holding on the reference
    const reference = evaluateFlows(referenceAssembly());
    for (const [kind, flow] of cases) {
      const verdict = reference.find((v) => v.flow === flow)!;
      if (!verdict.holds) throw new Error(`flow ${flow.id} does not hold on the reference`);
      // WHEN the statements that decide it are removed (required) or a permitting one is added (forbidden)
      const table: FlowTable =
        kind === 'required' ? { required: [flow], forbidden: [] } : { required: [], forbidden: [flow] };
      mutations.set(flow, { table, ...breakFlow(referenceAssembly(), verdict) });
    }
    evaluateFlowsTogether([...mutations.values()].map(({ mutated, table }) => ({ assembly: mutated, table })));
  });

  test.each(cases.map(([kind, flow]) => [kind, flow.id, flow] as const))('%s flow %s', (kind, id, flow) => {
    const { table, mutated, what } = mutations.get(flow)!;
    // THEN the claim's check fails, naming the flow
    const [check] = flowChecks(kind, table);
    expect(check.claims).toEqual([flow.claim]);
    const results = check.run(mutated);
    expect({ what, results: results.map((r) => r.status) }).toEqual({ what, results: ['fail'] });
    expect(results[0].detail).toContain(`flow ${id} (${kind}`);
    expect(results[0].detail).toMatch(kind === 'required' ? /requests not allowed/ : /requests not denied/);
  });
});
