import type { CfnTag } from './common';

/** Typed views of AWS::RDS::* properties. */

export interface DBClusterProps {
  readonly Engine?: unknown;
  readonly EngineVersion?: unknown;
  readonly Port?: unknown;
  readonly DBClusterIdentifier?: unknown;
  readonly DBClusterParameterGroupName?: unknown;
  readonly DBSubnetGroupName?: unknown;
  readonly VpcSecurityGroupIds?: unknown;
  readonly StorageEncrypted?: unknown;
  readonly KmsKeyId?: unknown;
  readonly BackupRetentionPeriod?: unknown;
  readonly PerformanceInsightsEnabled?: unknown;
  readonly Tags?: readonly CfnTag[];
  readonly MasterUsername?: unknown;
  readonly EnableCloudwatchLogsExports?: unknown;
}

export interface DBInstanceProps {
  readonly Engine?: unknown;
  readonly Port?: unknown;
  readonly DBInstanceIdentifier?: unknown;
  readonly DBClusterIdentifier?: unknown;
  readonly AvailabilityZone?: unknown;
  readonly StorageEncrypted?: unknown;
  readonly EnablePerformanceInsights?: unknown;
  readonly PerformanceInsightsKMSKeyId?: unknown;
  readonly Tags?: readonly CfnTag[];
  readonly EnableCloudwatchLogsExports?: unknown;
}

export interface DBClusterParameterGroupProps {
  readonly DBClusterParameterGroupName?: unknown;
  readonly Family?: unknown;
  /** Parameter name -> value. */
  readonly Parameters?: Readonly<Record<string, unknown>>;
}

export interface DBSubnetGroupProps {
  readonly SubnetIds?: unknown;
}
