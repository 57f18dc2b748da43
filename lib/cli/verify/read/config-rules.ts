import type { EvaluationResult } from '@aws-sdk/client-config-service';
import { configRuleMaxAgeHours } from '../../../core/requirements/live-facts';
import { absent, AwsSession } from '../../preflight/session';
import { Reading } from '../fact';
import { TargetRule } from '../targets';
import { NotEstablished } from './not-readable';

const line = (e: EvaluationResult): string => {
  const q = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
  const note = e.Annotation ? `: ${e.Annotation}` : '';
  return `${q?.ResourceType ?? '?'} ${q?.ResourceId ?? '?'} ${e.ComplianceType ?? '?'} (evaluated ${e.ResultRecordedTime?.toISOString() ?? 'at an unknown time'})${note}`;
};

/**
 * One platform Config rule in the account: it must exist and be ACTIVE, and every resource it evaluated COMPLIANT
 * (`DescribeConfigRules`, `GetComplianceDetailsByConfigRule`, every page). The fact is as old as the rule's oldest
 * evaluation. A hygiene rule judges the whole account, so its non-compliant resources are listed, not held against
 * the claim.
 */
export async function readConfigRule(aws: AwsSession, rule: TargetRule): Promise<Reading> {
  const { ConfigServiceClient, DescribeConfigRulesCommand, GetComplianceDetailsByConfigRuleCommand } = aws.sdk.config;
  const config = aws.open(new ConfigServiceClient(aws.config(rule.region)));
  const base = {
    region: rule.region,
    subject: rule.ruleName,
    maxAgeHours: configRuleMaxAgeHours(rule.trigger) ?? null,
  };
  let state: string | undefined;
  try {
    const described = await config.send(new DescribeConfigRulesCommand({ ConfigRuleNames: [rule.ruleName] }));
    state = described.ConfigRules?.find((r) => r.ConfigRuleName === rule.ruleName)?.ConfigRuleState;
    if (!described.ConfigRules?.some((r) => r.ConfigRuleName === rule.ruleName))
      return { ...base, good: false, detail: `${rule.identifier}: the rule is not in the account (not deployed?)` };
  } catch (e) {
    if (absent(e))
      return { ...base, good: false, detail: `${rule.identifier}: the rule is not in the account (not deployed?)` };
    throw e;
  }
  if (state !== undefined && state !== 'ACTIVE')
    return { ...base, good: false, detail: `${rule.identifier}: the rule is ${state}, not ACTIVE` };

  const evaluations: EvaluationResult[] = [];
  let NextToken: string | undefined;
  do {
    const page = await config.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: rule.ruleName, Limit: 100, NextToken }),
    );
    evaluations.push(...(page.EvaluationResults ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  if (evaluations.length === 0)
    throw new NotEstablished(
      `${rule.identifier}: the rule has no evaluation result yet (not evaluated, or no resource in scope)`,
    );

  const times = evaluations.flatMap((e) => (e.ResultRecordedTime ? [e.ResultRecordedTime.getTime()] : []));
  const asOf = times.length === evaluations.length ? new Date(Math.min(...times)) : undefined;
  const bad = evaluations.filter((e) => e.ComplianceType === 'NON_COMPLIANT');
  const undecided = evaluations.filter(
    (e) =>
      e.ComplianceType !== 'NON_COMPLIANT' && e.ComplianceType !== 'COMPLIANT' && e.ComplianceType !== 'NOT_APPLICABLE',
  );
  const counts = `${evaluations.length} evaluation${evaluations.length === 1 ? '' : 's'}, ${bad.length} NON_COMPLIANT`;
  if (rule.hygiene)
    return {
      ...base,
      good: true,
      asOf,
      items: evaluations.map(line),
      detail: `${rule.identifier} (account hygiene, judges the whole account: listed, not held against the claim): ${counts}`,
    };
  if (undecided.length)
    throw new NotEstablished(`${rule.identifier}: ${undecided.length} evaluation(s) with INSUFFICIENT_DATA`);
  return {
    ...base,
    good: bad.length === 0,
    asOf,
    items: evaluations.map(line),
    detail: `${rule.identifier}: ${counts}${bad.length ? ` (${bad.map(line).join('; ')})` : ''}`,
  };
}
