/**
 * CDK bootstrap trust: a delivery pipeline deploys into each target account through that account's CDK bootstrap
 * roles, which it may assume only when `cdk bootstrap --trust <pipeline account>` made them trust it. Without that the
 * pipeline's deploy, asset publishing and post-deploy steps fail with AccessDenied in the middle of a wave. Read from
 * the pipeline stack's `PocketCity::Delivery` metadata, checked with `iam:GetRole`.
 */
import { DeliveryMetadata, deliveryMetadataOf } from '../../core/delivery-metadata';
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { PreflightFinding } from './report';
import { absent, AwsSession } from './session';

export const DEFAULT_QUALIFIER = 'hnb659fds';

/** The four roles `cdk bootstrap` creates, which CDK Pipelines assumes. */
export const BOOTSTRAP_ROLES = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;
export type BootstrapRoleKind = (typeof BOOTSTRAP_ROLES)[number];

/** One account and region the pipeline deploys into (or runs in), with the qualifier its templates expect. */
export interface BootstrapTarget {
  readonly account: string;
  readonly region: string;
  readonly qualifier: string;
  readonly pipelineAccount: string;
  /** The environments deployed there, or the pipeline itself: what the finding names. */
  readonly for: readonly string[];
}

/** The part of IAM's GetRole answer the decision reads. */
export interface BootstrapRole {
  readonly RoleName?: string;
  /** URL-encoded JSON, as IAM returns it (plain JSON is read too). */
  readonly AssumeRolePolicyDocument?: string;
}

/** The name `cdk bootstrap` gives a role. */
export function bootstrapRoleName(kind: BootstrapRoleKind, target: BootstrapTarget): string {
  return `cdk-${target.qualifier}-${kind}-role-${target.account}-${target.region}`;
}

/** `/cdk-bootstrap/<qualifier>/version`, the default of a synthesized stack's BootstrapVersion parameter. */
function qualifierOf(template: unknown): string | undefined {
  const parameters = (template as { Parameters?: Record<string, { Default?: unknown }> }).Parameters;
  const name = parameters?.BootstrapVersion?.Default;
  return typeof name === 'string' ? /^\/cdk-bootstrap\/([^/]+)\/version$/.exec(name)?.[1] : undefined;
}

/** `<stack name> (<region>)`, as the delivery metadata records each stack. */
const STACK_ENTRY = /^(.+) \(([^()]+)\)$/;

/** The delivery metadata of the assembly's pipeline stack, if it holds one. */
export function deliveryOf(assembly: PlatformAssembly): DeliveryMetadata | undefined {
  return assembly.stacks.map((s) => deliveryMetadataOf(s.template)).find((m) => m !== undefined);
}

/**
 * Where `account` must be bootstrapped for the pipeline: each region of each stage in that account (qualifier from
 * the stage's templates), and, in the pipeline account, the pipeline region too.
 */
export function bootstrapTargets(
  assembly: PlatformAssembly,
  delivery: DeliveryMetadata,
  account: string,
): BootstrapTarget[] {
  const targets = new Map<string, { region: string; qualifier: string; for: Set<string> }>();
  const add = (region: string, qualifier: string, what: string) => {
    const key = `${region} ${qualifier}`;
    const target = targets.get(key) ?? { region, qualifier, for: new Set<string>() };
    target.for.add(what);
    targets.set(key, target);
  };
  if (delivery.pipelineAccount === account) add(delivery.pipelineRegion, DEFAULT_QUALIFIER, 'the pipeline');
  for (const stage of delivery.stages.filter((s) => s.account === account))
    for (const entry of stage.stacks) {
      const [, stackName, region] = STACK_ENTRY.exec(entry) ?? [];
      if (!stackName) continue;
      const stack = assembly.stacks.find((s) => s.stackName === stackName && s.region === region);
      add(region, (stack && qualifierOf(stack.template)) ?? DEFAULT_QUALIFIER, `environment '${stage.environment}'`);
    }
  return [...targets.values()].map((t) => ({
    account,
    region: t.region,
    qualifier: t.qualifier,
    pipelineAccount: delivery.pipelineAccount,
    for: [...t.for],
  }));
}

/** The command that (re)bootstraps the target as the pipeline needs it (docs/delivery.md). */
export function bootstrapCommand(target: BootstrapTarget): string {
  const qualifier = target.qualifier === DEFAULT_QUALIFIER ? '' : ` --qualifier ${target.qualifier}`;
  const base = `npx cdk bootstrap aws://${target.account}/${target.region}${qualifier}`;
  return target.account === target.pipelineAccount
    ? base
    : `${base} --trust ${target.pipelineAccount} --cloudformation-execution-policies arn:aws:iam::${target.account}:policy/platform-deploy`;
}

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Principal?: string | { readonly AWS?: string | string[] };
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The trust policy's statements; throws when the document is not JSON (then the role was not checked). */
function statementsOf(document: string): Statement[] {
  const text = document.trimStart().startsWith('{') ? document : decodeURIComponent(document);
  return list((JSON.parse(text) as { Statement?: Statement | Statement[] }).Statement);
}

/** The statement names `account` (its root ARN, in any partition, or its bare id) as a principal for sts:AssumeRole. */
function names(statement: Statement, account: string): boolean {
  const assumes = list(statement.Action).some((a) => ['sts:AssumeRole', 'sts:*', '*'].includes(a));
  const principals = typeof statement.Principal === 'string' ? [] : list(statement.Principal?.AWS);
  return assumes && principals.some((p) => p === account || new RegExp(`^arn:[\\w-]+:iam::${account}:root$`).test(p));
}

/**
 * Blocking findings for one bootstrap role of `target`: it is missing (`role` undefined), or, in an account other than
 * the pipeline's, its trust policy does not allow the pipeline account to assume it (or denies it). The pipeline
 * account's own roles trust their account as bootstrapped, so they need only exist.
 */
export function bootstrapRoleFindings(
  target: BootstrapTarget,
  kind: BootstrapRoleKind,
  role: BootstrapRole | undefined,
): PreflightFinding[] {
  const subject = `bootstrap role ${bootstrapRoleName(kind, target)}`;
  const uses = `the delivery pipeline (account ${target.pipelineAccount}) needs it for ${target.for.join(', ')}`;
  const fix = `Bootstrap the account there: ${bootstrapCommand(target)}`;
  const block = (detail: string): PreflightFinding[] => [
    { region: target.region, kind: 'prerequisite', subject, blocking: true, detail },
  ];
  if (!role) return block(`is missing: ${uses}. ${fix}`);
  if (target.account === target.pipelineAccount) return [];
  let statements: Statement[];
  try {
    statements = statementsOf(role.AssumeRolePolicyDocument ?? '');
  } catch {
    return [
      {
        region: target.region,
        kind: 'unknown',
        subject,
        blocking: true,
        detail: `could not be checked: its AssumeRolePolicyDocument is not a JSON policy. ${fix}`,
      },
    ];
  }
  const pipeline = target.pipelineAccount;
  if (statements.some((s) => s.Effect === 'Deny' && names(s, pipeline)))
    return block(
      `denies account ${pipeline} sts:AssumeRole: ${uses}. Remove the Deny, then: ${bootstrapCommand(target)}`,
    );
  if (!statements.some((s) => s.Effect === 'Allow' && names(s, pipeline)))
    return block(`does not trust the pipeline account ${pipeline}: ${uses}. ${fix}`);
  return [];
}

/** The role as IAM has it, or undefined when it does not exist; throws when the call fails otherwise. */
export async function readBootstrapRole(
  aws: AwsSession,
  region: string,
  roleName: string,
): Promise<BootstrapRole | undefined> {
  const { IAMClient, GetRoleCommand } = aws.sdk.iam;
  try {
    const answer = await aws.open(new IAMClient(aws.config(region))).send(new GetRoleCommand({ RoleName: roleName }));
    return answer.Role;
  } catch (e) {
    if (absent(e)) return undefined;
    throw e;
  }
}
