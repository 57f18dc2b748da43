import { Check, CheckResult, fail, pass } from '../check';
import type { TrailProps } from '../../template/cfn/cloudtrail';
import type { AlarmProps } from '../../template/cfn/cloudwatch';
import type { LogGroupProps, MetricFilterProps, MetricTransformation } from '../../template/cfn/logs';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

/** CIS AWS Foundations monitoring items and a fragment every filter pattern for the item contains. */
const CIS_ITEMS: readonly { name: string; signature: RegExp }[] = [
  { name: 'unauthorized API calls', signature: /UnauthorizedOperation/ },
  { name: 'root account use', signature: /userIdentity\.type\s*=\s*"?Root"?/ },
  { name: 'console sign-in without MFA', signature: /MFAUsed/ },
  { name: 'IAM policy changes', signature: /PutRolePolicy/ },
  { name: 'CloudTrail configuration changes', signature: /StopLogging/ },
  { name: 'KMS key disabling or deletion', signature: /ScheduleKeyDeletion/ },
  { name: 'S3 bucket policy changes', signature: /PutBucketPolicy/ },
  { name: 'security group changes', signature: /AuthorizeSecurityGroupIngress/ },
  { name: 'network ACL changes', signature: /CreateNetworkAclEntry/ },
];

/**
 * MONITOR-2: the CloudTrail log group carries a metric filter for each CIS AWS Foundations monitoring item
 * (unauthorized API calls, root use, console sign-in without MFA, IAM, CloudTrail, KMS, S3 bucket policy, security
 * group and NACL changes), each with an alarm that notifies someone.
 */
export const cisAlarmsOnTrail: Check = {
  id: 'MONITOR2-CisAlarmsOnTrail',
  claims: ['MONITOR-2'],
  description:
    'the trail log group has a metric filter and an alarm with an action for each CIS monitoring item (unauthorized API calls, root use, sign-in without MFA, IAM/CloudTrail/KMS/S3 policy/security group/NACL changes)',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const groups = model
      .ofType<TrailProps>('AWS::CloudTrail::Trail')
      .flatMap((trail) => model.resolve<LogGroupProps>(trail, trail.props.CloudWatchLogsLogGroupArn) ?? []);
    if (groups.length === 0)
      return [fail('no CloudTrail trail delivers to a log group of the assembly, so no CIS alarms can watch it')];
    return groups.flatMap((group) => judgeLogGroup(model, group));
  },
};

function judgeLogGroup(model: StageModel, group: ModelResource<LogGroupProps>): CheckResult[] {
  const filters = model
    .ofType<MetricFilterProps>('AWS::Logs::MetricFilter')
    .filter((f) => model.mentions(f, f.props.LogGroupName, group));
  // Alarms of the log group's own template: another environment's alarm on a metric of the same name is not this one.
  const alarms = model.ofType<AlarmProps>('AWS::CloudWatch::Alarm').filter((a) => a.stack === group.stack);
  return CIS_ITEMS.map((item) => {
    const filter = filters.find((f) => item.signature.test(model.text(f, f.props.FilterPattern) ?? ''));
    if (!filter) return fail(`log group ${group.logicalId}: no metric filter for ${item.name}`, group.ref);
    const metric = asArray<MetricTransformation>(filter.props.MetricTransformations)[0];
    const alarm = alarms.find(
      (a) =>
        a.props.MetricName === metric?.MetricName &&
        a.props.Namespace === metric?.MetricNamespace &&
        asArray(a.props.AlarmActions).length > 0,
    );
    return alarm
      ? pass(
          `${item.name}: filter ${filter.logicalId} on ${group.logicalId}, alarm ${alarm.logicalId} notifies`,
          alarm.ref,
        )
      : fail(`${item.name}: filter ${filter.logicalId} has no alarm with an action`, filter.ref);
  });
}
