import { auroraInstancesInDistinctZones as check } from '../../../../lib/compliance/checks/data-1/data1-aurora-writer-and-readers-in-distinct-zones';
import { Change, edited, modelOf, ref, verdicts } from '../../../support/check-fixtures';

const instance = (zone: string) => ({
  Type: 'AWS::RDS::DBInstance',
  Properties: { DBClusterIdentifier: ref('Cluster'), AvailabilityZone: zone },
});
const database = {
  Resources: {
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } },
    Writer: instance('eu-west-1a'),
    Reader1: instance('eu-west-1b'),
    Reader2: instance('eu-west-1c'),
  },
};
const judged = (change: Change) => verdicts(check, modelOf({ 'prod-Data': edited(database, change) }));

describe('DATA1-AuroraWriterAndReadersInDistinctZones', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Data': database }))).toEqual(['Cluster: compliant']);
  });

  test('Noncompliance 1: a standalone instance', () => {
    expect(
      judged((r) => (r.Standalone = { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } })),
    ).toEqual(['Cluster: compliant', 'Standalone: StandaloneInstanceNotAurora']);
  });

  test('Noncompliance 2: a cluster that is not Aurora', () => {
    expect(judged((r) => (r.Cluster.Properties.Engine = 'postgres'))).toEqual(['Cluster: NotAurora']);
  });

  test('Noncompliance 3: fewer than three instances', () => {
    expect(judged((r) => delete r.Reader2)).toEqual([
      'Cluster: FewerThanThreeInstances',
      'Cluster: FewerThanThreeDistinctZones',
    ]);
  });

  test('Noncompliance 4: an instance without a named zone', () => {
    expect(judged((r) => delete r.Reader2.Properties.AvailabilityZone)).toEqual([
      'Cluster: InstanceWithoutNamedZone',
      'Cluster: FewerThanThreeDistinctZones',
    ]);
  });

  test('Noncompliance 5: three instances in two zones', () => {
    expect(judged((r) => (r.Reader2.Properties.AvailabilityZone = 'eu-west-1a'))).toEqual([
      'Cluster: FewerThanThreeDistinctZones',
    ]);
  });
});
