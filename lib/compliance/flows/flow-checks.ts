import type { ClaimId } from '../../core/claims/claim';
import { Check, CheckResult, fail, pass } from '../checks/check';
import type { PlatformAssembly } from '../template/platform-assembly';
import { describeVerdict } from './describe-verdict';
import { evaluateFlows, FlowTable, PLATFORM_FLOW_TABLE } from './evaluate-flows';

/**
 * The checks of one kind of flow, one per claim the table names: `<CLAIM>-RequiredFlowsAllowed` or
 * `<CLAIM>-ForbiddenFlowsDenied`, one result per flow and environment.
 */
export function flowChecks(kind: 'required' | 'forbidden', table: FlowTable = PLATFORM_FLOW_TABLE): Check[] {
  const flows = kind === 'required' ? table.required : table.forbidden;
  const claims = [...new Set(flows.map((f) => f.claim))];
  return claims.map((claim: ClaimId): Check => ({
    id: `${claim.replace('-', '')}-${kind === 'required' ? 'RequiredFlowsAllowed' : 'ForbiddenFlowsDenied'}`,
    claims: [claim],
    description:
      kind === 'required'
        ? `every request ${claim} relies on is allowed by the synthesized identity, resource and key policies, as evaluated by an IAM policy engine`
        : `every request ${claim} rules out is denied by the synthesized identity, resource and key policies, as evaluated by an IAM policy engine`,
    listPassingResults: true,
    run: (assembly: PlatformAssembly): CheckResult[] =>
      evaluateFlows(assembly, table)
        .filter((v) => v.kind === kind && v.flow.claim === claim)
        .map((v) => (v.holds ? pass(describeVerdict(v)) : fail(describeVerdict(v)))),
  }));
}
