import { Check, CheckResult, fail, pass } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, prop, refersTo, resourcesIn } from '../../template/template-values';

export interface FindingSource {
  readonly name: string;
  readonly source: string;
  /** True when the rule's `detail` pattern lets every high and critical finding through. */
  readonly passesHighSeverity: (detail: Record<string, unknown>) => boolean;
}

/** GuardDuty: high is 7.0-8.9, critical 9.0-10. A `>= n` / `> n` filter must start at 7 or below. */
function guardDutyPassesHigh(detail: Record<string, unknown>): boolean {
  const severity = detail.severity;
  if (severity === undefined) return true;
  return asArray<Record<string, unknown>>(severity).some((matcher) => {
    const numeric = matcher && typeof matcher === 'object' ? (matcher as { numeric?: unknown[] }).numeric : undefined;
    if (!Array.isArray(numeric) || numeric.length !== 2) return false;
    const [op, bound] = numeric;
    return (op === '>=' && Number(bound) <= 7) || (op === '>' && Number(bound) < 7);
  });
}

/** Security Hub: the rule must not filter out CRITICAL or HIGH labels. */
function securityHubPassesHigh(detail: Record<string, unknown>): boolean {
  const findings = (detail.findings ?? {}) as { Severity?: { Label?: unknown } };
  const labels = findings.Severity?.Label;
  if (labels === undefined) return true;
  const list = asArray(labels);
  return list.includes('CRITICAL') && list.includes('HIGH');
}

/** The finding sources MONITOR-3 routes, and what a rule must let through for each. */
export const HIGH_SEVERITY_FINDING_SOURCES: readonly FindingSource[] = [
  {
    name: 'GuardDuty findings of severity 7 and above',
    source: 'aws.guardduty',
    passesHighSeverity: guardDutyPassesHigh,
  },
  {
    name: 'Security Hub findings rated CRITICAL or HIGH',
    source: 'aws.securityhub',
    passesHighSeverity: securityHubPassesHigh,
  },
];

/**
 * MONITOR-3: high-severity GuardDuty and Security Hub findings are routed by an enabled EventBridge rule to an SNS
 * topic that is encrypted with a KMS key and has at least one subscription, so people hear of them at once.
 */
export const highSeverityFindingsAlerted: Check = {
  id: 'MONITOR3-HighSeverityFindingsAlerted',
  claims: ['MONITOR-3'],
  description:
    'GuardDuty (severity >= 7) and Security Hub (CRITICAL, HIGH) findings are routed by EventBridge to a KMS-encrypted SNS topic with at least one subscription',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    // Rules that only forward to another event bus are judged by MONITOR3-RecoveryRegionFindingsForwarded.
    const rules = assembly
      .resourcesOfType('AWS::Events::Rule')
      .filter((r) => prop(r, 'State') !== 'DISABLED' && !forwardsOnly(r));
    return HIGH_SEVERITY_FINDING_SOURCES.map((source) => {
      const candidates = rules.filter((r) => {
        const pattern = (prop(r, 'EventPattern') ?? {}) as { source?: unknown; detail?: Record<string, unknown> };
        return asArray(pattern.source).includes(source.source) && source.passesHighSeverity(pattern.detail ?? {});
      });
      if (candidates.length === 0) return fail(`${source.name}: no enabled EventBridge rule routes them`);
      const problems: string[] = [];
      for (const rule of candidates) {
        const verdict = judgeTargets(assembly, rule);
        if (verdict.ok) return pass(`${source.name}: rule ${rule.logicalId} -> ${verdict.detail}`, toRef(rule));
        problems.push(`rule ${rule.logicalId}: ${verdict.detail}`);
      }
      return fail(`${source.name}: ${problems.join('; ')}`, toRef(candidates[0]));
    });
  },
};

function judgeTargets(assembly: PlatformAssembly, rule: LocatedResource): { ok: boolean; detail: string } {
  const problems: string[] = [];
  for (const target of asArray<{ Arn?: unknown }>(prop(rule, 'Targets'))) {
    const topic = assembly.resolveLocal(rule.stack, target.Arn);
    if (topic?.type !== 'AWS::SNS::Topic') continue;
    const key = prop(topic, 'KmsMasterKeyId');
    const subscriptions =
      asArray(prop(topic, 'Subscription')).length +
      resourcesIn([topic.stack], 'AWS::SNS::Subscription').filter((s) => refersTo(prop(s, 'TopicArn'), topic.logicalId))
        .length;
    if (!key) problems.push(`topic ${topic.logicalId} is not encrypted (no KmsMasterKeyId)`);
    else if (JSON.stringify(key).includes('alias/aws/sns'))
      problems.push(`topic ${topic.logicalId} uses the AWS managed key`);
    else if (subscriptions === 0) problems.push(`topic ${topic.logicalId} has no subscription`);
    else return { ok: true, detail: `encrypted topic ${topic.logicalId} with ${subscriptions} subscription(s)` };
  }
  return {
    ok: false,
    detail: problems.length ? problems.join('; ') : 'no SNS topic of the same template among its targets',
  };
}

/** True when every target of the rule is an EventBridge event bus (a forwarder, not an alert). */
function forwardsOnly(rule: LocatedResource): boolean {
  const targets = asArray<{ Arn?: unknown }>(prop(rule, 'Targets'));
  return targets.length > 0 && targets.every((t) => /:events:[^:]*:[^:]*:event-bus\//.test(JSON.stringify(t.Arn)));
}
