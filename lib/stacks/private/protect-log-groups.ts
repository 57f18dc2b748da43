import { IAspect } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';

/**
 * Audit and flow logs are evidence: every log group of the platform gets CloudWatch Logs deletion protection unless
 * a construct set the property itself. Retention and RETAIN policies are set where each group is declared.
 */
export class ProtectLogGroups implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof logs.CfnLogGroup && node.deletionProtectionEnabled === undefined) {
      node.deletionProtectionEnabled = true;
    }
  }
}
