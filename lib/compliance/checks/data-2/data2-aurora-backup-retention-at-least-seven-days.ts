import { MIN_AURORA_BACKUP_RETENTION_DAYS } from '../../../core/requirements/data';
import { ofTypes, resourceCheck } from '../check';
import { props } from '../private/cfn';

/** DATA-2: Aurora keeps automated backups (point-in-time restore) at least 7 days; the platform default is 35. */
export const auroraBackupRetention = resourceCheck({
  id: 'DATA2-AuroraBackupRetentionAtLeastSevenDays',
  claims: ['DATA-2'],
  failure: 'A database cluster keeps automated backups fewer than 7 days.',
  description: 'DATA-2: a daily backup is only worth something while it is kept; Aurora defaults to 1 day.',
  evidenceProperties: ['BackupRetentionPeriod', 'PreferredBackupWindow'],
  appliesTo: ofTypes('AWS::RDS::DBCluster'),
  judge: (node) => {
    const days = Number(props(node).BackupRetentionPeriod ?? 1);
    return days >= MIN_AURORA_BACKUP_RETENTION_DAYS;
  },
});
