import { CfnResource, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance, NagRuleResult, NagRules } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';

/** What a trail must have to be the MONITOR-1 record, by CloudFormation property. */
const REQUIRED_TRUE = [
  'IsMultiRegionTrail',
  'IncludeGlobalServiceEvents',
  'EnableLogFileValidation',
  'IsLogging',
] as const;

/**
 * MONITOR-1: every CloudTrail trail logs all regions and global services, validates its log files, is encrypted with
 * a KMS key and delivers to CloudWatch Logs, so an employee's access leaves a record that cannot be quietly edited.
 */
export const trailMultiRegionValidatedEncrypted: ClaimRule = {
  id: 'MONITOR1-TrailMultiRegionValidatedEncrypted',
  claims: ['MONITOR-1'],
  info: 'The CloudTrail trail is not multi-region with global service events, log-file validation, KMS encryption and CloudWatch Logs delivery.',
  explanation:
    'MONITOR-1 rests on a complete, tamper-evident record of API activity: every region and global service, signed digest files, encryption with a customer managed key, and a log group that alarms can watch.',
  evidenceProperties: [...REQUIRED_TRUE, 'KMSKeyId', 'CloudWatchLogsLogGroupArn'],
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== cloudtrail.CfnTrail.CFN_RESOURCE_TYPE_NAME) return NagRuleCompliance.NOT_APPLICABLE;
    const trail = node as cloudtrail.CfnTrail;
    const values: Record<(typeof REQUIRED_TRUE)[number], unknown> = {
      IsMultiRegionTrail: trail.isMultiRegionTrail,
      IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
      EnableLogFileValidation: trail.enableLogFileValidation,
      IsLogging: trail.isLogging,
    };
    const findings: string[] = REQUIRED_TRUE.filter((p) => NagRules.resolveIfPrimitive(node, values[p]) !== true);
    if (!Stack.of(node).resolve(trail.kmsKeyId)) findings.push('KMSKeyId');
    if (!Stack.of(node).resolve(trail.cloudWatchLogsLogGroupArn)) findings.push('CloudWatchLogsLogGroupArn');
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
