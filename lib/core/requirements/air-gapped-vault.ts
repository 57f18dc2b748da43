import type { ConfigRuleRequirement } from './continuous-config-rules';

/**
 * What the optional logically air-gapped vault (config `backup.logicallyAirGappedVault`) must satisfy, apart from the
 * constructs that build it (docs/air-gapped-vault.md). Read 2026-12-07.
 */

/**
 * The shortest minimum retention AWS Backup accepts for a logically air-gapped vault ("The minimum value accepted is 7
 * days": aws-cdk-lib 2.276 `CfnLogicallyAirGappedBackupVaultProps.minRetentionDays`, and
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html, "Create a logically air-gapped
 * vault", read 2026-12-07).
 */
export const MIN_AIR_GAPPED_RETENTION_DAYS = 7;

/**
 * Regions (of those the config accepts) where AWS does not offer logically air-gapped vaults: "Not currently available
 * in Asia Pacific (Malaysia), Canada West (Calgary), China (Beijing), China (Ningxia), AWS GovCloud (US-East), or AWS
 * GovCloud (US-West)" (https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html, table
 * "Compare and contrast", row Regions, read 2026-12-07 from a stored copy of the page).
 */
export const AIR_GAPPED_VAULT_UNAVAILABLE_IN: readonly string[] = ['ap-southeast-5', 'ca-west-1'];

/**
 * How old the newest recovery point of the cluster in a logically air-gapped vault may be before the Config rule
 * calls it NON_COMPLIANT. The copy arrives daily; a copy keeps its source's creation time (03:00 by default) and lands
 * hours later (1 h start window, up to 8 h completion window, then the cross-region copy), and the periodic rule
 * evaluates once a day at its own time: 48 h tolerates one late copy and catches a second missed one. The rule accepts
 * at most 2184 hours.
 */
export const AIR_GAPPED_RECOVERY_POINT_MAX_AGE_HOURS = 48;

/**
 * AURORA_RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT: "Checks if Amazon Aurora DB clusters are in a logically air-gapped
 * vault ... NON_COMPLIANT if ... not in a logically air-gapped vault within the specified time period"; resource type
 * AWS::RDS::DBCluster, periodic; parameters resourceTags (JSON), resourceId, recoveryPointAgeValue (int, default 1, at
 * most 2184 for hours, 91 for days), recoveryPointAgeUnit ('hours' | 'days', default days)
 * (https://docs.aws.amazon.com/config/latest/developerguide/aurora-resources-in-logically-air-gapped-vault.html, read
 * 2026-12-07). Declared only when the vault is (it is not in CONTINUOUS_CONFIG_RULES, which every platform must
 * declare): in the primary region, where the cluster is, narrowed to the platform by its tag.
 */
export const AURORA_AIR_GAPPED_VAULT_CONFIG_RULE: ConfigRuleRequirement = {
  identifier: 'AURORA_RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT',
  claims: ['DATA-3'],
  watches: `the Aurora cluster has a recovery point in a logically air-gapped vault no older than ${AIR_GAPPED_RECOVERY_POINT_MAX_AGE_HOURS} hours`,
  trigger: 'periodic',
  regions: { primary: 'platform' },
  inputParameters: {
    resourceTags: { from: 'platformTag' },
    recoveryPointAgeValue: String(AIR_GAPPED_RECOVERY_POINT_MAX_AGE_HOURS),
    recoveryPointAgeUnit: 'hours',
  },
};
