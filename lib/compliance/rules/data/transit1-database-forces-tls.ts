import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, referencedResource } from './private/cfn';

/** TRANSIT-1 (database): every PostgreSQL cluster's parameter group sets `rds.force_ssl = 1`, refusing plaintext. */
export const databaseForcesTls: ClaimRule = {
  id: 'TRANSIT1-DatabaseForcesTls',
  claims: ['TRANSIT-1'],
  info: 'A PostgreSQL database cluster accepts connections without TLS (rds.force_ssl is not 1 in its cluster parameter group).',
  explanation: 'TRANSIT-1: data in transit is encrypted end to end, including between the service and the database.',
  evidenceProperties: ['DBClusterParameterGroupName', 'Engine'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::RDS::DBCluster') return NagRuleCompliance.NOT_APPLICABLE;
    const p = cfnProperties(node);
    if (!/postgres/.test(String(p.Engine ?? ''))) return NagRuleCompliance.NOT_APPLICABLE;
    const group = referencedResource(node, p.DBClusterParameterGroupName, 'AWS::RDS::DBClusterParameterGroup');
    if (!group) return ['NoClusterParameterGroupOfThisStack'];
    const parameters = (cfnProperties(group).Parameters ?? {}) as Record<string, unknown>;
    return String(parameters['rds.force_ssl']) === '1' ? NagRuleCompliance.COMPLIANT : ['ForceSslOff'];
  },
};
