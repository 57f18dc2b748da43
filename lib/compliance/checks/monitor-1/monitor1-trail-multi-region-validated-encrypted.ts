import type { TrailProps } from '../../template/cfn/cloudtrail';
import { modelResourceCheck } from '../check';

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
export const trailMultiRegionValidatedEncrypted = modelResourceCheck<TrailProps>({
  id: 'MONITOR1-TrailMultiRegionValidatedEncrypted',
  claims: ['MONITOR-1'],
  failure:
    'The CloudTrail trail is not multi-region with global service events, log-file validation, KMS encryption and CloudWatch Logs delivery.',
  description:
    'MONITOR-1 rests on a complete, tamper-evident record of API activity: every region and global service, signed digest files, encryption with a customer managed key, and a log group that alarms can watch.',
  evidenceProperties: [...REQUIRED_TRUE, 'KMSKeyId', 'CloudWatchLogsLogGroupArn'],
  types: ['AWS::CloudTrail::Trail'],
  judge: (trail) => {
    const p = trail.props;
    const findings: string[] = REQUIRED_TRUE.filter((name) => p[name] !== true);
    if (!p.KMSKeyId) findings.push('KMSKeyId');
    if (!p.CloudWatchLogsLogGroupArn) findings.push('CloudWatchLogsLogGroupArn');
    return findings.length ? findings : true;
  },
});
