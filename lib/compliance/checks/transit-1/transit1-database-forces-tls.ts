import { NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { props, referenced } from '../private/cfn';

/** TRANSIT-1 (database): every PostgreSQL cluster's parameter group sets `rds.force_ssl = 1`, refusing plaintext. */
export const databaseForcesTls = resourceCheck({
  id: 'TRANSIT1-DatabaseForcesTls',
  claims: ['TRANSIT-1'],
  failure:
    'A PostgreSQL database cluster accepts connections without TLS (rds.force_ssl is not 1 in its cluster parameter group).',
  description: 'TRANSIT-1: data in transit is encrypted end to end, including between the service and the database.',
  evidenceProperties: ['DBClusterParameterGroupName', 'Engine'],
  appliesTo: ofTypes('AWS::RDS::DBCluster'),
  judge: (node) => {
    const p = props(node);
    if (!/postgres/.test(String(p.Engine ?? ''))) return NOT_APPLICABLE;
    const group = referenced(node, p.DBClusterParameterGroupName, 'AWS::RDS::DBClusterParameterGroup');
    if (!group) return ['NoClusterParameterGroupOfThisStack'];
    const parameters = (props(group).Parameters ?? {}) as Record<string, unknown>;
    return String(parameters['rds.force_ssl']) === '1' ? true : ['ForceSslOff'];
  },
});
