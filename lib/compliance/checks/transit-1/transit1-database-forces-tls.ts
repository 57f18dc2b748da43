import type { DBClusterParameterGroupProps, DBClusterProps } from '../../template/cfn/rds';
import { modelResourceCheck, NOT_APPLICABLE } from '../check';

/** TRANSIT-1 (database): every PostgreSQL cluster's parameter group sets `rds.force_ssl = 1`, refusing plaintext. */
export const databaseForcesTls = modelResourceCheck<DBClusterProps>({
  id: 'TRANSIT1-DatabaseForcesTls',
  claims: ['TRANSIT-1'],
  failure:
    'A PostgreSQL database cluster accepts connections without TLS (rds.force_ssl is not 1 in its cluster parameter group).',
  description: 'TRANSIT-1: data in transit is encrypted end to end, including between the service and the database.',
  evidenceProperties: ['DBClusterParameterGroupName', 'Engine'],
  types: ['AWS::RDS::DBCluster'],
  judge: (cluster, model) => {
    if (!/postgres/.test(model.text(cluster, cluster.props.Engine) ?? '')) return NOT_APPLICABLE;
    const group = model.resolve<DBClusterParameterGroupProps>(cluster, cluster.props.DBClusterParameterGroupName);
    if (group?.type !== 'AWS::RDS::DBClusterParameterGroup') return ['NoClusterParameterGroupOfThisStack'];
    return String(group.props.Parameters?.['rds.force_ssl']) === '1' ? true : ['ForceSslOff'];
  },
});
