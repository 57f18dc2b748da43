import { PlatformAssembly, StackTemplate } from '../../../lib/compliance/template/platform-assembly';
import type { DecisiveStatement, FlowVerdict } from '../../../lib/compliance/flows/evaluate-flows';
import type { FlowRequest } from '../../../lib/compliance/flows/flow-requests';

/**
 * Mutations of a copy of a synthesized assembly, derived from a flow's verdict on the reference: a required flow
 * loses the statements that allowed its first request (identity statement, key-policy principal, resource-policy
 * statement); a forbidden flow gains a statement that permits its first request and loses the statements that
 * denied it. The reference itself is never written.
 */
export function copyOf(assembly: PlatformAssembly): PlatformAssembly {
  return new PlatformAssembly(assembly.stacks.map((s) => ({ ...s, template: structuredClone(s.template) })));
}

type Json = Record<string | number, unknown>;

function stackNamed(assembly: PlatformAssembly, stackName: string): StackTemplate {
  const stack = assembly.stacks.find((s) => s.stackName === stackName);
  if (!stack) throw new Error(`no stack ${stackName}`);
  return stack;
}

function properties(assembly: PlatformAssembly, stackName: string, logicalId: string): Json {
  const resource = stackNamed(assembly, stackName).template.Resources?.[logicalId];
  if (!resource?.Properties) throw new Error(`no resource ${stackName}/${logicalId}`);
  return resource.Properties;
}

function documentAt(assembly: PlatformAssembly, s: DecisiveStatement['policy']['source']): { Statement: unknown[] } {
  let v: unknown = properties(assembly, s.stackName, s.logicalId);
  for (const p of s.path) v = (v as Json)[p];
  const doc = v as { Statement: unknown };
  if (!Array.isArray(doc.Statement)) doc.Statement = [doc.Statement];
  return doc as { Statement: unknown[] };
}

/** Removes the statements (an AWS managed policy is detached from its role instead). */
export function removeStatements(assembly: PlatformAssembly, statements: readonly DecisiveStatement[]): void {
  const byDocument = new Map<string, DecisiveStatement[]>();
  for (const d of statements) {
    const key = JSON.stringify(d.policy.source);
    byDocument.set(key, [...(byDocument.get(key) ?? []), d]);
  }
  for (const group of byDocument.values()) {
    const source = group[0].policy.source;
    if (source.stackName === '(hypothetical)') throw new Error('a hypothetical principal has no template to edit');
    if (source.managedPolicyArn) {
      const role = properties(assembly, source.stackName, source.logicalId);
      role.ManagedPolicyArns = (role.ManagedPolicyArns as unknown[]).filter(
        (a) => !JSON.stringify(a).includes(source.managedPolicyArn!.split('/').pop()!),
      );
      continue;
    }
    const doc = documentAt(assembly, source);
    const drop = new Set(group.map((d) => d.statementIndex));
    doc.Statement = doc.Statement.filter((_, i) => !drop.has(i));
  }
}

/** Adds a statement that allows `request`: to its role's policy, or to the resource policy for other principals. */
export function permit(assembly: PlatformAssembly, request: FlowRequest): void {
  const statement: Json = { Effect: 'Allow', Action: request.action, Resource: request.resourceArn };
  const principal = request.principal;
  if (principal.kind === 'role') {
    const policyPrincipal = classPolicyPrincipal(principal);
    if (policyPrincipal) {
      // A class's own policy allows the request: what is missing is a resource or key policy that lets the class in.
      addToResourcePolicy(assembly, request, { ...statement, Principal: { AWS: policyPrincipal } });
      return;
    }
    if (isHypothetical(principal)) return; // its AdministratorAccess already allows everything
    const policy = principal.identityPolicies.find(
      (p) => p.source.path.length > 0 && p.source.stackName !== '(hypothetical)',
    );
    if (!policy) throw new Error(`${principal.label} has no policy in a template to add to`);
    documentAt(assembly, policy.source).Statement.push(statement);
    return;
  }
  statement.Principal = principal.kind === 'anonymous' ? '*' : { Service: principal.id };
  addToResourcePolicy(assembly, request, statement);
}

/**
 * What a resource policy names to let a principal class in: another account's role by its ARN; any identity of the
 * account through the account root (a delegation to IAM). Undefined for every other principal.
 */
function classPolicyPrincipal(principal: FlowRequest['principal']): string | undefined {
  const policy = principal.identityPolicies.find((p) => p.source.stackName === '(hypothetical)')?.source.logicalId;
  if (policy === 'OtherAccountAllowsEverything') return principal.roleArn;
  if (policy === 'IdentityPolicyAllowsTheFlow') return principal.roleArn!.replace(/:role\/.*$/, ':root');
  return undefined;
}

function addToResourcePolicy(assembly: PlatformAssembly, request: FlowRequest, statement: Json): void {
  const existing = request.resourcePolicies[0];
  if (existing) {
    documentAt(assembly, existing.source).Statement.push(statement);
    return;
  }
  // No resource policy yet: declare one beside the first stack's resources.
  const stack = assembly.stacks.find((s) => s.region === request.region) ?? assembly.stacks[0];
  const document = { Version: '2012-10-17', Statement: [statement] };
  const service = request.resourceArn.split(':')[2];
  const resources = stack.template.Resources as Record<string, unknown>;
  if (service === 'secretsmanager') {
    resources.FlowProofMutationPolicy = {
      Type: 'AWS::SecretsManager::ResourcePolicy',
      Properties: { SecretId: request.resourceArn, ResourcePolicy: document },
    };
  } else if (service === 's3') {
    resources.FlowProofMutationPolicy = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: request.resourceArn.split(':::')[1].split('/')[0], PolicyDocument: document },
    };
  } else {
    throw new Error(`no resource policy to add for ${request.resourceArn}`);
  }
}

/** A principal no template declares (an administrator, the deployment role), allowed everything. */
function isHypothetical(principal: FlowRequest['principal']): boolean {
  return principal.identityPolicies.some((p) => p.source.stackName === '(hypothetical)');
}

/**
 * Takes the principal's ARN out of every `aws:PrincipalArn` exception of the resource policies' denies of the
 * request's action: what lets a hypothetical principal through (its own allow is not in a template); the number of
 * exceptions revoked.
 */
export function revokeExemption(assembly: PlatformAssembly, request: FlowRequest): number {
  let revoked = 0;
  for (const policy of request.resourcePolicies) {
    for (const statement of documentAt(assembly, policy.source).Statement as Json[]) {
      const actions = ([] as unknown[]).concat(statement.Action);
      if (statement.Effect !== 'Deny' || !actions.some((a) => a === request.action || a === '*')) continue;
      for (const operator of Object.values((statement.Condition ?? {}) as Record<string, Json>)) {
        const arns = ([] as unknown[]).concat(operator['aws:PrincipalArn'] ?? []);
        if (!arns.includes(request.principal.roleArn)) continue;
        operator['aws:PrincipalArn'] = arns.filter((a) => a !== request.principal.roleArn);
        revoked++;
      }
    }
  }
  return revoked;
}

/** The mutation that should break `verdict`'s flow, applied to a copy of `assembly`; what it did, in words. */
export function breakFlow(
  assembly: PlatformAssembly,
  verdict: FlowVerdict,
): { mutated: PlatformAssembly; what: string } {
  const mutated = copyOf(assembly);
  const first = verdict.requests[0];
  if (verdict.kind === 'required') {
    const allows = first.decisive.filter((d) => d.effect === 'Allow');
    if (allows.length === 0) throw new Error(`flow ${verdict.flow.id}: no statement allowed its first request`);
    if (isHypothetical(first.request.principal)) {
      if (revokeExemption(mutated, first.request) === 0)
        throw new Error(`flow ${verdict.flow.id}: no resource-policy exception lets ${first.request.principal.label}`);
      return {
        mutated,
        what: `revoked the exception of ${first.request.principal.label} from the denies of ${first.request.action}`,
      };
    }
    removeStatements(mutated, allows);
    return { mutated, what: `removed ${allows.map((d) => d.label).join('; ')}` };
  }
  const denies = first.decisive.filter((d) => d.effect === 'Deny');
  removeStatements(mutated, denies);
  permit(mutated, first.request);
  return {
    mutated,
    what: `permitted ${first.request.action} on ${first.request.resourceArn} for ${first.request.principal.label}${denies.length ? `, removed ${denies.map((d) => d.label).join('; ')}` : ''}`,
  };
}
