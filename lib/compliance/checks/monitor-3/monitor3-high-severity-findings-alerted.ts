import { Check, CheckResult, fail, pass } from '../check';
import type { EventRuleProps, EventRuleTarget } from '../../template/cfn/events';
import type { SubscriptionProps, TopicProps } from '../../template/cfn/sns';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { isJsonObject, JsonObject, patternView } from '../private/event-patterns';

export interface FindingSource {
  readonly name: string;
  readonly source: string;
  /** True when the rule's `detail` pattern lets every high and critical finding through. */
  readonly passesHighSeverity: (detail: JsonObject) => boolean;
}

/** GuardDuty: high is 7.0-8.9, critical 9.0-10. A `>= n` / `> n` filter must start at 7 or below. */
function guardDutyPassesHigh(detail: JsonObject): boolean {
  const severity = detail.severity;
  if (severity === undefined) return true;
  return asArray(severity).some((matcher) => {
    const numeric = isJsonObject(matcher) ? matcher.numeric : undefined;
    if (!Array.isArray(numeric) || numeric.length !== 2) return false;
    const op: unknown = numeric[0];
    const bound: unknown = numeric[1];
    return (op === '>=' && Number(bound) <= 7) || (op === '>' && Number(bound) < 7);
  });
}

/** Security Hub: the rule must not filter out CRITICAL or HIGH labels. */
function securityHubPassesHigh(detail: JsonObject): boolean {
  const findings = isJsonObject(detail.findings) ? detail.findings : {};
  const labels = isJsonObject(findings.Severity) ? findings.Severity.Label : undefined;
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

/** True when an enabled rule's pattern matches `source`'s events and lets its high-severity findings through. */
export function routesHighSeverity(rule: ModelResource<EventRuleProps>, source: FindingSource): boolean {
  const pattern = patternView(rule.props.EventPattern);
  return pattern.sources.includes(source.source) && source.passesHighSeverity(pattern.detail);
}

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
    const model = assemblyModel(assembly);
    // Rules that only forward to another event bus are judged by MONITOR3-RecoveryRegionFindingsForwarded.
    const rules = model
      .ofType<EventRuleProps>('AWS::Events::Rule')
      .filter((r) => r.props.State !== 'DISABLED' && !forwardsOnly(r));
    return HIGH_SEVERITY_FINDING_SOURCES.map((source) => {
      const candidates = rules.filter((r) => routesHighSeverity(r, source));
      if (candidates.length === 0) return fail(`${source.name}: no enabled EventBridge rule routes them`);
      const problems: string[] = [];
      for (const rule of candidates) {
        const verdict = judgeTargets(model, rule);
        if (verdict.ok) return pass(`${source.name}: rule ${rule.logicalId} -> ${verdict.detail}`, rule.ref);
        problems.push(`rule ${rule.logicalId}: ${verdict.detail}`);
      }
      return fail(`${source.name}: ${problems.join('; ')}`, candidates[0].ref);
    });
  },
};

function judgeTargets(model: StageModel, rule: ModelResource<EventRuleProps>): { ok: boolean; detail: string } {
  const problems: string[] = [];
  for (const target of asArray<EventRuleTarget>(rule.props.Targets)) {
    const topic = model.resolve<TopicProps>(rule, target.Arn);
    if (topic?.type !== 'AWS::SNS::Topic') continue;
    const key = topic.props.KmsMasterKeyId;
    const subscriptions =
      asArray(topic.props.Subscription).length +
      model
        .ofType<SubscriptionProps>('AWS::SNS::Subscription')
        .filter((s) => model.mentions(s, s.props.TopicArn, topic)).length;
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
function forwardsOnly(rule: ModelResource<EventRuleProps>): boolean {
  const targets = asArray<EventRuleTarget>(rule.props.Targets);
  return targets.length > 0 && targets.every((t) => /:events:[^:]*:[^:]*:event-bus\//.test(JSON.stringify(t.Arn)));
}
