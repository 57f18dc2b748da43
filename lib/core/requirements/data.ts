/** DATA-2 and DATA-3's requirements, apart from the constructs that meet them. */

/** Aurora's automated backups are kept at least this many days. */
export const MIN_AURORA_BACKUP_RETENTION_DAYS = 7;

/** A daily recovery point is kept at least this many days, in both regions. */
export const MIN_RECOVERY_POINT_RETENTION_DAYS = 7;

/** S3 Replication Time Control's only accepted threshold, in minutes. */
export const REPLICATION_TIME_CONTROL_MINUTES = 15;

/** Storage classes that keep data in one zone: never allowed (DATA-1). */
export const SINGLE_ZONE_STORAGE_CLASSES: readonly string[] = ['ONEZONE_IA', 'EXPRESS_ONEZONE'];

/** A daily schedule: `cron(min hour * * ? *)`, one run a day, every day. */
export const DAILY_CRON = /^cron\(\s*\d{1,2}\s+\d{1,2}\s+\*\s+\*\s+\?\s+\*\s*\)$/;
