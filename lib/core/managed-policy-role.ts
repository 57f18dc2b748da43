import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * An `iam.Role` whose every grant lands in one customer managed policy instead of an inline `DefaultPolicy`.
 * NIST 800-53 R5, HIPAA and PCI (IAMNoInlinePolicy) reject inline policies; a customer managed policy is not an
 * AWS managed policy either (IAM4), so grants stay scoped to the resources they name.
 */
export class ManagedPolicyRole extends iam.Role {
  private grantsPolicy?: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  /** The customer managed policy holding the grants, once a grant was made. */
  get policy(): iam.ManagedPolicy | undefined {
    return this.grantsPolicy;
  }

  addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    // Created on the first grant: a managed policy without statements is invalid.
    this.grantsPolicy ??= new iam.ManagedPolicy(this, 'GrantsPolicy', { roles: [this] });
    this.grantsPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.grantsPolicy };
  }
}
