import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties } from '../cfn-resource-values';

/**
 * HA-1: an ECS service runs at least three tasks, never drops below 100% healthy while deploying, and rolls a
 * failing deployment back (circuit breaker). The zones it spans are checked app-wide (HA1-TiersSpanThreeZones).
 */
export const serviceRedundantDeployment: ClaimRule = {
  id: 'HA1-ServiceRedundantDeployment',
  claims: ['HA-1'],
  info: 'An ECS service runs fewer than 3 tasks, allows less than 100% healthy during deployments, or has no rollback.',
  explanation:
    'HA-1: with three tasks across three zones, losing a zone or two tasks leaves the service serving; deployments never take capacity away and a failing one rolls back.',
  evidenceProperties: ['DesiredCount', 'DeploymentConfiguration'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::ECS::Service') return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    const deployment = (p.DeploymentConfiguration ?? {}) as {
      MinimumHealthyPercent?: number;
      DeploymentCircuitBreaker?: { Enable?: boolean; Rollback?: boolean };
    };
    const findings: string[] = [];
    if (!(Number(p.DesiredCount) >= 3)) findings.push('FewerThanThreeTasks');
    if (!(Number(deployment.MinimumHealthyPercent) >= 100)) findings.push('MinimumHealthyBelow100');
    if (!(deployment.DeploymentCircuitBreaker?.Enable && deployment.DeploymentCircuitBreaker.Rollback)) {
      findings.push('NoCircuitBreakerRollback');
    }
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
