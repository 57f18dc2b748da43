import type { EcsServiceProps } from '../../template/cfn/ecs';
import { modelResourceCheck } from '../check';

/**
 * HA-1: an ECS service runs at least three tasks, never drops below 100% healthy while deploying, and rolls a
 * failing deployment back (circuit breaker). The zones it spans are checked app-wide (HA1-TiersSpanThreeZones).
 */
export const serviceRedundantDeployment = modelResourceCheck<EcsServiceProps>({
  id: 'HA1-ServiceRedundantDeployment',
  claims: ['HA-1'],
  failure:
    'An ECS service runs fewer than 3 tasks, allows less than 100% healthy during deployments, or has no rollback.',
  description:
    'HA-1: with three tasks across three zones, losing a zone or two tasks leaves the service serving; deployments never take capacity away and a failing one rolls back.',
  evidenceProperties: ['DesiredCount', 'DeploymentConfiguration'],
  types: ['AWS::ECS::Service'],
  judge: (service) => {
    const p = service.props;
    const deployment = p.DeploymentConfiguration;
    const breaker = deployment?.DeploymentCircuitBreaker;
    const findings: string[] = [];
    if (!(Number(p.DesiredCount) >= 3)) findings.push('FewerThanThreeTasks');
    if (!(Number(deployment?.MinimumHealthyPercent) >= 100)) findings.push('MinimumHealthyBelow100');
    if (!(breaker?.Enable && breaker.Rollback)) findings.push('NoCircuitBreakerRollback');
    return findings.length ? findings : true;
  },
});
