import type { ClaimId } from '../../core/claims/claim';
import type { ResourceRef } from '../template/platform-assembly';
import type { StageModel } from '../template/stage-model';

/** The kinds of path a claim travels besides IAM flows, each evaluated with the semantics AWS documents. */
export type PathKindName = 'network' | 'event' | 'data' | 'http' | 'login';

/**
 * A change to one template property that turns a hop off (or, for a hop that blocks, on) the way a wrong prop or a
 * later edit would: a state, an enabled flag, a priority, a filter, a route target, a rule, an override. Applied to a
 * copy of the templates by the generated mutation suite.
 */
export interface TemplateMutation {
  /** What the change does, in AWS's terms ("State: DISABLED"). */
  readonly description: string;
  readonly stackName: string;
  readonly logicalId: string;
  /** Path inside the resource (`['Properties', 'State']`). */
  readonly path: readonly (string | number)[];
  /** The value written at `path`; `undefined` with `remove` deletes it (an array element is spliced out). */
  readonly value?: unknown;
  readonly remove?: boolean;
}

/** One hop of a path: what AWS consults there, whether it lets the request through, and what decided it. */
export interface HopRecord {
  /** The kind of hop, stable and kebab-case (`route-table`, `security-group-ingress`, `event-rule-state`). */
  readonly hop: string;
  readonly verdict: 'pass' | 'block';
  /** What was found, in words an auditor can check against the template. */
  readonly detail: string;
  /** The resource that decided the hop. */
  readonly resource?: ResourceRef;
  /** The property AWS read there (`State`, `Routes[0].NatGatewayId`). */
  readonly property?: string;
  /**
   * Mutations that flip this hop's verdict by the property AWS reads; the generated mutation suite applies each and
   * expects the path's verdict to change. Generated per hop kind, never per path.
   */
  readonly mutations?: readonly TemplateMutation[];
  /**
   * Why no template property can flip this hop, when none can (a VPC's local route). The mutation suite accepts a
   * hop without mutations only with this reason.
   */
  readonly unmutable?: string;
}

/** One path evaluated on one environment: the request, packet or event, each hop, and the verdict. */
export interface PathRecord {
  /** The requirement's id, with the instance when one requirement yields several (`…@eu-west-1a`). */
  readonly id: string;
  /** The requirement this record evaluates (several records may share it). */
  readonly requirementId: string;
  readonly claim: ClaimId;
  readonly kind: PathKindName;
  readonly expectation: 'required' | 'forbidden';
  readonly environment: string;
  /** The request, packet or event, in words ("TCP from the internet to the load balancer on 443"). */
  readonly subject: string;
  readonly hops: readonly HopRecord[];
  /** Required: every hop passes. Forbidden: some hop blocks. */
  readonly holds: boolean;
  /** Why the path could not be evaluated (a role not declared, a fixture missing); the path then fails. */
  readonly problem?: string;
}

/** A path requirement of core: the fields every kind shares. */
export interface PathRequirementBase {
  /** Unique, kebab-case; named in results and in the evidence. */
  readonly id: string;
  readonly claim: ClaimId;
  readonly expectation: 'required' | 'forbidden';
  /** What the platform needs (required) or must never allow (forbidden), in words. */
  readonly description: string;
}

/**
 * A kind of path: its requirements (from core) and the evaluation of one requirement on one environment's model.
 * Evaluation must be a pure function of the model; it may build relation indexes with `model.index`.
 */
export interface PathKind<R extends PathRequirementBase = PathRequirementBase> {
  readonly kind: PathKindName;
  /** Title for check ids and the evidence (`Network`, `Event`). */
  readonly title: string;
  readonly requirements: readonly R[];
  // A method, not a function property: method parameters are bivariant, so every kind fits PATH_KINDS' one list.
  evaluate(model: StageModel, requirement: R): PathRecord[];
}

/** The verdict of a path from its hops: required paths need every hop to pass, forbidden ones need one to block. */
export function pathHolds(expectation: 'required' | 'forbidden', hops: readonly HopRecord[]): boolean {
  return expectation === 'required' ? hops.every((h) => h.verdict === 'pass') : hops.some((h) => h.verdict === 'block');
}

/** A record of a requirement on a model, from its hops (the verdict computed, never passed in). */
export function pathRecord(
  model: StageModel,
  requirement: PathRequirementBase,
  kind: PathKindName,
  subject: string,
  hops: readonly HopRecord[],
  instance?: string,
): PathRecord {
  return {
    id: instance ? `${requirement.id}@${instance}` : requirement.id,
    requirementId: requirement.id,
    claim: requirement.claim,
    kind,
    expectation: requirement.expectation,
    environment: model.name,
    subject,
    hops,
    holds: hops.length > 0 && pathHolds(requirement.expectation, hops),
  };
}

/** A record for a requirement that could not be evaluated: it fails, saying why (the gate fails closed). */
export function unevaluatedPath(
  model: StageModel,
  requirement: PathRequirementBase,
  kind: PathKindName,
  problem: string,
): PathRecord {
  return {
    id: requirement.id,
    requirementId: requirement.id,
    claim: requirement.claim,
    kind,
    expectation: requirement.expectation,
    environment: model.name,
    subject: requirement.description,
    hops: [],
    holds: false,
    problem,
  };
}
