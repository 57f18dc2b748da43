import { MIN_AURORA_BACKUP_RETENTION_DAYS } from '../../../core/requirements/data';
import type { DBClusterProps } from '../../template/cfn/rds';
import { modelResourceCheck } from '../check';

/** DATA-2: Aurora keeps automated backups (point-in-time restore) at least 7 days; the platform default is 35. */
export const auroraBackupRetention = modelResourceCheck<DBClusterProps>({
  id: 'DATA2-AuroraBackupRetentionAtLeastSevenDays',
  claims: ['DATA-2'],
  failure: 'A database cluster keeps automated backups fewer than 7 days.',
  description: 'DATA-2: a daily backup is only worth something while it is kept; Aurora defaults to 1 day.',
  evidenceProperties: ['BackupRetentionPeriod', 'PreferredBackupWindow'],
  types: ['AWS::RDS::DBCluster'],
  judge: (node) => Number(node.props.BackupRetentionPeriod ?? 1) >= MIN_AURORA_BACKUP_RETENTION_DAYS,
});
