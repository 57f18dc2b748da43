import { referencedLogicalId } from '../../template/platform-assembly';
import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { inStack, props } from '../private/cfn';

/** Writer plus two readers: losing any one zone, or any two instances, leaves one serving. */
const MIN_INSTANCES = 3;

/**
 * DATA-1, HA-1: a database is an Aurora cluster (storage replicated six ways across three zones) whose writer and
 * readers, at least three instances, each sit in a named zone, covering at least three distinct zones. A standalone
 * DB instance (single-zone storage) is never compliant.
 */
export const auroraInstancesInDistinctZones = resourceCheck({
  id: 'DATA1-AuroraWriterAndReadersInDistinctZones',
  claims: ['DATA-1', 'HA-1'],
  failure:
    'A database is not an Aurora cluster with a writer and at least two readers in three distinct availability zones.',
  description:
    'DATA-1 and HA-1: Aurora writes every change to six copies in three zones before acknowledging it; instances in three zones keep the database serving when a zone or two instances fail.',
  evidenceProperties: ['Engine', 'DBClusterIdentifier', 'AvailabilityZone'],
  appliesTo: ofTypes('AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'),
  judge: (node) => {
    if (node.type === 'AWS::RDS::DBInstance') {
      return props(node).DBClusterIdentifier === undefined ? ['StandaloneInstanceNotAurora'] : NOT_APPLICABLE;
    }
    if (node.type !== 'AWS::RDS::DBCluster') return NOT_APPLICABLE;
    const findings: string[] = [];
    if (!String(props(node).Engine ?? '').startsWith('aurora')) findings.push('NotAurora');
    const id = node.logicalId;
    const instances = inStack(node, 'AWS::RDS::DBInstance').filter(
      (i) => referencedLogicalId(props(i).DBClusterIdentifier) === id,
    );
    const zones = instances.map((i) => props(i).AvailabilityZone);
    if (instances.length < MIN_INSTANCES) findings.push('FewerThanThreeInstances');
    if (zones.some((z) => typeof z !== 'string')) findings.push('InstanceWithoutNamedZone');
    if (new Set(zones.filter((z) => typeof z === 'string')).size < MIN_INSTANCES)
      findings.push('FewerThanThreeDistinctZones');
    return findings.length ? findings : true;
  },
});
