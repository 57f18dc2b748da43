import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import { physicalNames } from '../../config/physical-names';
import type { ResolvedPlatformConfig } from '../../config/resolve-config';

/**
 * The configured break-glass role, or the one the recovery stack declares, by its fixed name and a literal partition
 * (a template-only reader, the vault check among them, sees the ARN as written).
 */
export function breakGlassRoleArn(c: ResolvedPlatformConfig): string {
  const region = c.primaryRegion.region;
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return (
    c.backup.breakGlassRoleArn ?? `arn:${partition}:iam::${c.account}:role/${physicalNames.backupBreakGlassRole(c)}`
  );
}

/**
 * The CDK bootstrap's CloudFormation execution role of a region (default qualifier `hnb659fds`), which the vault
 * policies let set the lock (CloudFormation may set it after the policy on create), and nothing else they guard.
 */
export function deploymentRoleArn(c: ResolvedPlatformConfig, region: string): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:iam::${c.account}:role/cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-cfn-exec-role-${c.account}-${region}`;
}
