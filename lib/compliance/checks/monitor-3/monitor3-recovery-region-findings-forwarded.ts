import { Check, CheckResult, fail, pass, perStage } from '../check';
import type { EventRuleProps, EventRuleTarget } from '../../template/cfn/events';
import type { PlatformAssembly } from '../../template/platform-assembly';
import type { StageModel } from '../../template/stage-model';
import { asArray, partitionOf } from '../../template/template-values';
import { HIGH_SEVERITY_FINDING_SOURCES, routesHighSeverity } from './monitor3-high-severity-findings-alerted';

/**
 * MONITOR-3 in the recovery region, which holds every replica and backup copy: its high-severity GuardDuty and
 * Security Hub findings are forwarded by an enabled EventBridge rule, with a role, to the default event bus of the
 * primary region, where MONITOR3-HighSeverityFindingsAlerted's rules route them to the alert topic.
 */
export const recoveryRegionFindingsForwarded: Check = {
  id: 'MONITOR3-RecoveryRegionFindingsForwarded',
  claims: ['MONITOR-3'],
  description:
    "The recovery region's GuardDuty (severity >= 7) and Security Hub (CRITICAL, HIGH) findings are forwarded by EventBridge to the primary region's default event bus",
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perStage(assembly, judgeStage);
  },
};

function judgeStage(model: StageModel): CheckResult[] {
  const env = model.environment;
  const { primaryRegion, recoveryRegion } = env;
  if (!primaryRegion || !recoveryRegion) return [fail(`environment ${env.name}: its metadata names no regions`)];
  const primaryBus = `arn:${partitionOf(primaryRegion)}:events:${primaryRegion}:${env.account ?? '?'}:event-bus/default`;
  const rules = model
    .ofType<EventRuleProps>('AWS::Events::Rule')
    .filter((r) => r.region === recoveryRegion && r.props.State !== 'DISABLED');
  return HIGH_SEVERITY_FINDING_SOURCES.map((source) => {
    const where = `environment ${env.name}, ${recoveryRegion}: ${source.name}`;
    const matching = rules.filter((r) => routesHighSeverity(r, source));
    if (matching.length === 0) return fail(`${where}: no enabled EventBridge rule matches them`);
    for (const rule of matching) {
      const target = asArray<EventRuleTarget>(rule.props.Targets).find((t) => model.text(rule, t.Arn) === primaryBus);
      if (target?.RoleArn) return pass(`${where}: rule ${rule.logicalId} forwards them to ${primaryBus}`, rule.ref);
    }
    return fail(
      `${where}: rule ${matching[0].logicalId} has no target ${primaryBus} with a role, so they reach no one`,
      matching[0].ref,
    );
  });
}
