import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * An `iam.Role` whose grants land in one customer managed policy instead of an inline `DefaultPolicy`
 * (NIST 800-53 R5, HIPAA and PCI reject inline policies; AWS managed policies are avoided too).
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
    this.grantsPolicy ??= new iam.ManagedPolicy(this, 'GrantsPolicy', { roles: [this] });
    this.grantsPolicy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.grantsPolicy };
  }
}
