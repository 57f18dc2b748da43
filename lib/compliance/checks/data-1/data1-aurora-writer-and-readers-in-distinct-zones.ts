import type { DBClusterProps, DBInstanceProps } from '../../template/cfn/rds';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** Writer plus two readers: losing any one zone, or any two instances, leaves one serving. */
const MIN_INSTANCES = 3;

/**
 * DATA-1, HA-1: a database is an Aurora cluster (storage replicated six ways across three zones) whose writer and
 * readers, at least three instances, each sit in a named zone, covering at least three distinct zones. A standalone
 * DB instance (single-zone storage) is never compliant.
 */
export const auroraInstancesInDistinctZones = modelResourceCheck<DBClusterProps & DBInstanceProps>({
  id: 'DATA1-AuroraWriterAndReadersInDistinctZones',
  claims: ['DATA-1', 'HA-1'],
  failure:
    'A database is not an Aurora cluster with a writer and at least two readers in three distinct availability zones.',
  description:
    'DATA-1 and HA-1: Aurora writes every change to six copies in three zones before acknowledging it; instances in three zones keep the database serving when a zone or two instances fail.',
  evidenceProperties: ['Engine', 'DBClusterIdentifier', 'AvailabilityZone'],
  types: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'],
  judge: (node, model) => {
    if (node.type === 'AWS::RDS::DBInstance') {
      return node.props.DBClusterIdentifier === undefined ? ['StandaloneInstanceNotAurora'] : NOT_APPLICABLE;
    }
    const findings: string[] = [];
    if (!(model.text(node, node.props.Engine) ?? '').startsWith('aurora')) findings.push('NotAurora');
    const instances = model
      .ofType<DBInstanceProps>('AWS::RDS::DBInstance')
      .filter((i) => model.resolve(i, i.props.DBClusterIdentifier) === node);
    const zones = instances.map((i) => model.text(i, i.props.AvailabilityZone));
    if (instances.length < MIN_INSTANCES) findings.push('FewerThanThreeInstances');
    if (zones.some((z) => z === undefined)) findings.push('InstanceWithoutNamedZone');
    if (new Set(zones.filter((z) => z !== undefined)).size < MIN_INSTANCES)
      findings.push('FewerThanThreeDistinctZones');
    return findings.length ? findings : true;
  },
});
