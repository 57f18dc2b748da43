import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, prop, refersTo, resourcesIn } from '../../template/template-values';

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
    const trails = assembly.resourcesOfType('AWS::CloudTrail::Trail');
    const watched = trails.flatMap((trail) => {
      const group = assembly.resolveLocal(trail.stack, prop(trail, 'CloudWatchLogsLogGroupArn'));
      return group ? [{ trail, group }] : [];
    });
    if (watched.length === 0)
      return [fail('no CloudTrail trail delivers to a log group of the assembly, so no CIS alarms can watch it')];
    return watched.flatMap(({ group }) => judgeLogGroup(group));
  },
};

function judgeLogGroup(group: LocatedResource): CheckResult[] {
  const stacks = [group.stack];
  const filters = resourcesIn(stacks, 'AWS::Logs::MetricFilter').filter((f) =>
    refersTo(prop(f, 'LogGroupName'), group.logicalId),
  );
  const alarms = resourcesIn(stacks, 'AWS::CloudWatch::Alarm');
  return CIS_ITEMS.map((item) => {
    const filter = filters.find((f) => item.signature.test(String(prop(f, 'FilterPattern') ?? '')));
    if (!filter) return fail(`log group ${group.logicalId}: no metric filter for ${item.name}`, toRef(group));
    const metric = asArray<{ MetricName?: string; MetricNamespace?: string }>(prop(filter, 'MetricTransformations'))[0];
    const alarm = alarms.find(
      (a) =>
        prop(a, 'MetricName') === metric?.MetricName &&
        prop(a, 'Namespace') === metric?.MetricNamespace &&
        asArray(prop(a, 'AlarmActions')).length > 0,
    );
    return alarm
      ? pass(
          `${item.name}: filter ${filter.logicalId} on ${group.logicalId}, alarm ${alarm.logicalId} notifies`,
          toRef(alarm),
        )
      : fail(`${item.name}: filter ${filter.logicalId} has no alarm with an action`, toRef(filter));
  });
}
