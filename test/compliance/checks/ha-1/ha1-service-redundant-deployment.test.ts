import { serviceRedundantDeployment as check } from '../../../../lib/compliance/checks/ha-1/ha1-service-redundant-deployment';
import { Change, edited, modelOf, resource, verdicts } from '../../../support/check-fixtures';

const service = {
  Resources: {
    Service: resource('AWS::ECS::Service', {
      DesiredCount: 3,
      DeploymentConfiguration: {
        MinimumHealthyPercent: 100,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      },
    }),
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Service': edited(service, change) }));

describe('HA1-ServiceRedundantDeployment', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Service': service }))).toEqual(['Service: compliant']);
    expect(check.run(modelOf({ 'prod-Service': service }))[0].properties).toEqual(service.Resources.Service.Properties);
  });

  test.each<[number, string, Change]>([
    [1, 'FewerThanThreeTasks', (r) => (r.Service.Properties.DesiredCount = 2)],
    [2, 'MinimumHealthyBelow100', (r) => (r.Service.Properties.DeploymentConfiguration.MinimumHealthyPercent = 50)],
    [
      3,
      'NoCircuitBreakerRollback',
      (r) => (r.Service.Properties.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback = false),
    ],
  ])('Noncompliance %i: %s', (_n, finding, change) => {
    expect(judged(change)).toEqual([`Service: ${finding}`]);
  });
});
