import type { ClaimId } from '../../core/claims/claim';
import type { PlatformAssembly, ResourceRef } from '../template/platform-assembly';
import { shownContext } from './describe-verdict';
import {
  DecisiveStatement,
  evaluateFlows,
  FlowTable,
  FlowVerdict,
  PLATFORM_FLOW_TABLE,
  RequestVerdict,
} from './evaluate-flows';

/** A policy statement that decided a request, where it sits in the templates. */
export interface FlowStatementRecord {
  readonly effect: 'Allow' | 'Deny';
  /** `(hypothetical)` for the AdministratorAccess of a principal no template declares. */
  readonly stackName: string;
  readonly logicalId: string;
  /** The statement's Sid, when it has one. */
  readonly sid?: string;
  /** Index of the statement in its policy document, from 0. */
  readonly index: number;
  /** The AWS managed policy the statement belongs to, when it is one. */
  readonly managedPolicyArn?: string;
}

/** Who made a request. */
export interface FlowPrincipalRecord {
  readonly kind: 'role' | 'service' | 'anonymous';
  readonly label: string;
  /** A role's ARN, or a service principal's name. */
  readonly arn?: string;
  /** Where a role of the templates is declared. */
  readonly resource?: ResourceRef;
}

/** One request of a flow and the engine's verdict on it. */
export interface FlowRequestRecord {
  readonly principal: FlowPrincipalRecord;
  readonly action: string;
  readonly resourceArn: string;
  /** The template resource acted on (or whose key, log target or image repository), when there is one. */
  readonly resource?: ResourceRef;
  readonly region: string;
  /** The request context that matters to the verdict (the caller's identity keys left out). */
  readonly context: Readonly<Record<string, string | string[]>>;
  readonly decision: RequestVerdict['decision'];
  /** Whether this request went as the flow's kind needs (allowed when required, denied when forbidden). */
  readonly holds: boolean;
  /** Why the engine did not evaluate it. */
  readonly error?: string;
  readonly decisive: readonly FlowStatementRecord[];
}

/** One flow on one platform environment, for the evidence: what was asked, what decided, and whether it holds. */
export interface FlowRecord {
  readonly flowId: string;
  readonly claim: ClaimId;
  readonly kind: 'required' | 'forbidden';
  readonly environment: string;
  readonly description: string;
  readonly holds: boolean;
  /** Why the flow could not be evaluated (a role declared other than its cardinality says, no engine...). */
  readonly problem?: string;
  readonly requests: readonly FlowRequestRecord[];
}

function statementRecord(d: DecisiveStatement): FlowStatementRecord {
  const source = d.policy.source;
  const sid = d.policy.document.Statement[d.statementIndex]?.Sid;
  return {
    effect: d.effect,
    stackName: source.stackName,
    logicalId: source.logicalId,
    ...(sid ? { sid } : {}),
    index: d.statementIndex,
    ...(source.managedPolicyArn ? { managedPolicyArn: source.managedPolicyArn } : {}),
  };
}

function requestRecord(v: FlowVerdict, r: RequestVerdict): FlowRequestRecord {
  const q = r.request;
  const arn = q.principal.kind === 'role' ? q.principal.roleArn : q.principal.id;
  return {
    principal: {
      kind: q.principal.kind,
      label: q.principal.label,
      ...(arn ? { arn } : {}),
      ...(q.principal.ref ? { resource: q.principal.ref } : {}),
    },
    action: q.action,
    resourceArn: q.resourceArn,
    ...(q.resourceRef ? { resource: q.resourceRef } : {}),
    region: q.region,
    context: shownContext(q),
    decision: r.decision,
    holds:
      v.kind === 'required'
        ? r.decision === 'Allowed'
        : r.decision === 'ExplicitlyDenied' || r.decision === 'ImplicitlyDenied',
    ...(r.error ? { error: r.error } : {}),
    decisive: r.decisive.map(statementRecord),
  };
}

/** A flow verdict as a record. */
export function flowRecord(v: FlowVerdict): FlowRecord {
  return {
    flowId: v.flow.id,
    claim: v.flow.claim,
    kind: v.kind,
    environment: v.environment,
    description: v.flow.description,
    holds: v.holds,
    ...(v.problem ? { problem: v.problem } : {}),
    requests: v.requests.map((r) => requestRecord(v, r)),
  };
}

/**
 * Every flow of the table on every platform environment of the assembly, as structured records (one per flow and
 * environment), from the same cached evaluation the flow checks read.
 */
export function flowRecords(assembly: PlatformAssembly, table: FlowTable = PLATFORM_FLOW_TABLE): FlowRecord[] {
  return evaluateFlows(assembly, table).map(flowRecord);
}
