import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { referencedLogicalId } from '../../assembly/platform-assembly';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, logicalIdOf, resourcesOfType } from './private/cfn';

/** Writer plus two readers: losing any one zone, or any two instances, leaves one serving. */
const MIN_INSTANCES = 3;

/**
 * DATA-1, HA-1: a database is an Aurora cluster (storage replicated six ways across three zones) whose writer and
 * readers, at least three instances, each sit in a named zone, covering at least three distinct zones. A standalone
 * DB instance (single-zone storage) is never compliant.
 */
export const auroraInstancesInDistinctZones: ClaimRule = {
  id: 'DATA1-AuroraWriterAndReadersInDistinctZones',
  claims: ['DATA-1', 'HA-1'],
  info: 'A database is not an Aurora cluster with a writer and at least two readers in three distinct availability zones.',
  explanation:
    'DATA-1 and HA-1: Aurora writes every change to six copies in three zones before acknowledging it; instances in three zones keep the database serving when a zone or two instances fail.',
  evidenceProperties: ['Engine', 'DBClusterIdentifier', 'AvailabilityZone'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType === 'AWS::RDS::DBInstance') {
      return cfnProperties(node).DBClusterIdentifier === undefined
        ? ['StandaloneInstanceNotAurora']
        : NagRuleCompliance.NOT_APPLICABLE;
    }
    if (node.cfnResourceType !== 'AWS::RDS::DBCluster') return NagRuleCompliance.NOT_APPLICABLE;
    const findings: string[] = [];
    if (!String(cfnProperties(node).Engine ?? '').startsWith('aurora')) findings.push('NotAurora');
    const id = logicalIdOf(node);
    const instances = resourcesOfType(node, 'AWS::RDS::DBInstance').filter(
      (i) => referencedLogicalId(cfnProperties(i).DBClusterIdentifier) === id,
    );
    const zones = instances.map((i) => cfnProperties(i).AvailabilityZone);
    if (instances.length < MIN_INSTANCES) findings.push('FewerThanThreeInstances');
    if (zones.some((z) => typeof z !== 'string')) findings.push('InstanceWithoutNamedZone');
    if (new Set(zones.filter((z) => typeof z === 'string')).size < MIN_INSTANCES)
      findings.push('FewerThanThreeDistinctZones');
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
