import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { PlatformConstructError } from '../../core/errors';

/**
 * How a resource policy names a principal. A principal of the same stack is named directly. A role of another stack
 * (the service's task role) is named by its deterministic ARN under an `aws:PrincipalArn` condition: naming it
 * directly would make the stateful stack depend on the stack that uses it, and a resource policy may be written
 * before that role exists. Object-level S3 access is granted on resource policies rather than on the role, because
 * an identity policy would need a wildcard object ARN (AwsSolutions-IAM5 findings that cannot be acknowledged).
 */
export interface PolicyPrincipal {
  readonly principal: iam.IPrincipal;
  readonly conditions: Record<string, Record<string, unknown>>;
  /** The role ARN as written in the policy, for the evidence and for tests. */
  readonly arn: string;
}

/** @param grant the grant method called (`grantRead`), named in the error */
export function policyPrincipalFor(scope: IConstruct, grantee: iam.IGrantable, grant: string): PolicyPrincipal {
  const principal = grantee.grantPrincipal;
  const role = principal as Partial<iam.IRole> & { physicalName?: string };
  const stack = Stack.of(scope);
  if (role.roleArn === undefined || role.roleName === undefined) {
    throw new PlatformConstructError({
      code: 'ResourceGrant.grantee.notRole',
      scope,
      setting: `${grant}(grantee)`,
      value: describe(principal),
      problem: 'is not an IAM role',
      fix: 'grant to a role (for example a task role); users and groups get no direct access to customer data',
    });
  }
  if (Stack.of(role as IConstruct) === stack) {
    return { principal, conditions: {}, arn: role.roleArn };
  }
  const name = role.physicalName;
  if (name === undefined || Token.isUnresolved(name)) {
    throw new PlatformConstructError({
      code: 'ResourceGrant.grantee.generatedName',
      scope,
      setting: `${grant}(grantee)`,
      value: (role as IConstruct).node?.path ?? '?',
      problem: 'is a role of another stack and has a generated name',
      fix: 'give the role a fixed roleName so the resource policy can name it without a cross-stack reference',
    });
  }
  const arn = stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: name });
  return {
    principal: new iam.AnyPrincipal(),
    conditions: { ArnEquals: { 'aws:PrincipalArn': arn } },
    arn,
  };
}

function describe(p: iam.IPrincipal): string {
  return (p as unknown as IConstruct).node?.path ?? p.toString();
}
