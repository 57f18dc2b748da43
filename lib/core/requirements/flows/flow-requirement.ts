import type { ClaimId } from '../../claims/claim';
import type { PlatformRole } from '../../platform-roles';

/**
 * The requests each claim relies on (required flows) or rules out (forbidden flows), evaluated against the
 * synthesized identity, resource and key policies by an IAM policy engine. Data only: the flow checks of
 * lib/compliance/flows read these tables, and their mutation tests are generated from them.
 *
 * Principals and resources are selected by the platform roles constructs declare (lib/core/platform-roles.ts), never
 * by construct id or logical id: a renamed construct keeps its role, and a role declared fewer or more times than its
 * cardinality says fails the flow that names it.
 *
 * Strings in `arn`, `objectKey`, `service` and context values may use `{partition}`, `{account}`, `{region}` (the
 * request's region), `{primaryRegion}`, `{recoveryRegion}` and `{guardDutyAgentAccount}` (GuardDuty's agent registry
 * of the request's region, from guardduty-agent.ts).
 */

/** Resources of a platform environment's templates. */
export type FlowResourceSelector =
  /** The resources that declared the role, as many as its cardinality allows. */
  | { readonly role: PlatformRole }
  /** The resources that declared any of the roles. */
  | { readonly roles: readonly PlatformRole[] }
  /** Every resource of a CloudFormation type (`AWS::S3::Bucket`): for a requirement over a whole kind. */
  | { readonly type: string };

export type FlowPrincipal =
  /** A session of the IAM role(s) that declared the role (the service assuming it is the caller). */
  | { readonly role: PlatformRole }
  /** An AWS service principal acting on its own, for example `cloudtrail.amazonaws.com`. */
  | { readonly service: string }
  /** An unsigned request. */
  | { readonly anonymous: true }
  /** Every IAM role of the environment except the ones that declared the roles listed. */
  | { readonly everyRoleExcept: readonly PlatformRole[] }
  /** An administrator of the account: a role whose identity policy allows every action on every resource. */
  | { readonly accountAdministrator: true }
  /**
   * The CDK bootstrap's CloudFormation execution role of the region of the resource the request acts on
   * (DEPLOYMENT_ROLE_ARN), allowed every action by its identity policy, as the bootstrap's AdministratorAccess is.
   */
  | { readonly deploymentRole: true }
  /** The execution role of each selected ECS task definition. */
  | { readonly executionRolesOf: FlowResourceSelector }
  /**
   * A class of principal rather than a principal of the templates (see PrincipalClass): a forbidden flow then holds
   * for principals no template declares, and fails wherever a policy lets the class in.
   */
  | { readonly principalClass: PrincipalClass; readonly service?: string };

/**
 * Classes of principal a forbidden flow quantifies over, each evaluated as one hypothetical principal:
 * - `anonymous`: an unsigned request;
 * - `other-account`: a role of another account (OTHER_ACCOUNT) whose identity policy allows everything, so only
 *   the resource or key policy can let it in;
 * - `this-account-any-identity`: a role of the account no template declares, whose identity policy allows exactly
 *   the flow's actions on every resource: it gets in wherever a resource or key policy delegates to IAM (names the
 *   account root) without narrowing the principal;
 * - `service-on-behalf-of-other-account`: the flow's `service` principal calling for another account's resource
 *   (aws:SourceAccount OTHER_ACCOUNT, aws:SourceArn of that account): denied where a policy that names the service
 *   keeps it to the platform's own sources.
 */
export type PrincipalClass =
  'anonymous' | 'other-account' | 'this-account-any-identity' | 'service-on-behalf-of-other-account';

/** The account the cross-account classes act from: no platform account is this one. */
export const OTHER_ACCOUNT = '999999999999';

/** What a part of a selected resource the request acts on. */
export type FlowResourcePart =
  /** The resource's own ARN. */
  | 'arn'
  /** An object of a bucket (`objectKey`). */
  | 'objects'
  /** A log stream of a log group. */
  | 'logStreams'
  /** A recovery point kept in a backup vault (the vault's access policy applies). */
  | 'recoveryPoints'
  /** The RDS-managed master user secret of a database cluster. */
  | 'masterUserSecret';

export type FlowResource =
  | { readonly resource: FlowResourceSelector; readonly part?: FlowResourcePart; readonly objectKey?: string }
  /** The customer managed key that encrypts the selected resource (or its part). */
  | { readonly keyOf: FlowResourceSelector; readonly part?: FlowResourcePart }
  /** The ECR repositories of the images the selected task definitions run. */
  | { readonly imageRepositoryOf: FlowResourceSelector }
  /**
   * Where each selected bucket's server access logs land: an object under its `LogFilePrefix` in the bucket its
   * `LoggingConfiguration` names, the request carrying that source bucket as `aws:SourceArn`.
   */
  | { readonly accessLogTargetOf: FlowResourceSelector }
  /** A resource named by ARN, for what no template declares (snapshots AWS Backup creates, `*`). */
  | { readonly arn: string };

/** A context value: a literal (with placeholders) or the ARN of selected resources (one request each). */
export type FlowContextValue =
  | string
  | readonly string[]
  | { readonly arnOf: FlowResourceSelector }
  /** Each EventBridge rule with a target that is one of the selected resources. */
  | { readonly arnOfEventRulesTargeting: FlowResourceSelector };

export interface FlowRequirement {
  /** Unique, kebab-case; named in results and in the evidence. */
  readonly id: string;
  readonly claim: ClaimId;
  /** What the platform needs (required) or must never allow (forbidden), in words. */
  readonly description: string;
  readonly principal: FlowPrincipal;
  /** IAM actions; each is one request per principal and resource. */
  readonly actions: readonly string[];
  readonly resource: FlowResource;
  /** Region the request is made in. @default - the region of the resource's stack */
  readonly region?: 'primary' | 'recovery';
  /** Request context the service sends (aws:SecureTransport, s3:TlsVersion and the principal's keys are set). */
  readonly context?: Readonly<Record<string, FlowContextValue>>;
  /**
   * The resource belongs to AWS (another account) and its policy is not ours to read: only the principal's side is
   * proven, as if the resource policy allowed the request. @default false
   */
  readonly identitySideOnly?: boolean;
}

/** A flow as a claim's table writes it: the claim is the table's. */
export type ClaimFlow = Omit<FlowRequirement, 'claim'>;

/** One claim's required and forbidden flows. */
export interface ClaimFlows {
  readonly claim: ClaimId;
  readonly required: readonly FlowRequirement[];
  readonly forbidden: readonly FlowRequirement[];
}

/** A claim's table, each flow stamped with the claim. */
export function claimFlows(
  claim: ClaimId,
  flows: { readonly required?: readonly ClaimFlow[]; readonly forbidden?: readonly ClaimFlow[] },
): ClaimFlows {
  const stamp = (list: readonly ClaimFlow[] = []) => list.map((f): FlowRequirement => ({ ...f, claim }));
  return { claim, required: stamp(flows.required), forbidden: stamp(flows.forbidden) };
}

/**
 * The role CloudFormation deploys with: the CDK bootstrap's execution role, `cdk-<qualifier>-cfn-exec-role-<account>-
 * <region>`, here with `hnb659fds`, CDK's default bootstrap qualifier (what `cdk bootstrap` uses without
 * `--qualifier`, and what the stacks name in the vault policies). `{region}` is the region of the resource acted on.
 */
export const DEPLOYMENT_ROLE_ARN = 'arn:{partition}:iam::{account}:role/cdk-hnb659fds-cfn-exec-role-{account}-{region}';

function selectorRoles(s: FlowResourceSelector): PlatformRole[] {
  if ('role' in s) return [s.role];
  if ('roles' in s) return [...s.roles];
  return [];
}

function contextRoles(v: FlowContextValue): PlatformRole[] {
  if (typeof v === 'string') return [];
  if ('arnOf' in v) return selectorRoles(v.arnOf);
  if ('arnOfEventRulesTargeting' in v) return selectorRoles(v.arnOfEventRulesTargeting);
  return [];
}

/** Every platform role a flow names (principal, resource, context), once each, in order of appearance. */
export function rolesNamedBy(flow: FlowRequirement): PlatformRole[] {
  const p = flow.principal;
  const r = flow.resource;
  const roles: PlatformRole[] = [
    ...('role' in p ? [p.role] : []),
    ...('everyRoleExcept' in p ? p.everyRoleExcept : []),
    ...('executionRolesOf' in p ? selectorRoles(p.executionRolesOf) : []),
    ...('resource' in r ? selectorRoles(r.resource) : []),
    ...('keyOf' in r ? selectorRoles(r.keyOf) : []),
    ...('imageRepositoryOf' in r ? selectorRoles(r.imageRepositoryOf) : []),
    ...('accessLogTargetOf' in r ? selectorRoles(r.accessLogTargetOf) : []),
    ...Object.values(flow.context ?? {}).flatMap(contextRoles),
  ];
  return [...new Set(roles)];
}
