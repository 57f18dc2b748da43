import { Check, CheckResult, fail, pass, perEnvironment } from '../check';
import { PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, flatten, partitionOf, PlatformEnvironment, prop, resourcesIn } from '../../template/template-values';
import { HIGH_SEVERITY_FINDING_SOURCES } from './monitor3-high-severity-findings-alerted';

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
    return perEnvironment(assembly, judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  const { primaryRegion, recoveryRegion } = env;
  if (!primaryRegion || !recoveryRegion) return [fail(`environment ${env.name}: its metadata names no regions`)];
  const primaryBus = `arn:${partitionOf(primaryRegion)}:events:${primaryRegion}:${env.account ?? '?'}:event-bus/default`;
  const rules = resourcesIn(
    env.stacks.filter((s) => s.region === recoveryRegion),
    'AWS::Events::Rule',
  ).filter((r) => prop(r, 'State') !== 'DISABLED');
  return HIGH_SEVERITY_FINDING_SOURCES.map((source) => {
    const where = `environment ${env.name}, ${recoveryRegion}: ${source.name}`;
    const matching = rules.filter((r) => {
      const pattern = (prop(r, 'EventPattern') ?? {}) as { source?: unknown; detail?: Record<string, unknown> };
      return asArray(pattern.source).includes(source.source) && source.passesHighSeverity(pattern.detail ?? {});
    });
    if (matching.length === 0) return fail(`${where}: no enabled EventBridge rule matches them`);
    for (const rule of matching) {
      const target = asArray<{ Arn?: unknown; RoleArn?: unknown }>(prop(rule, 'Targets')).find(
        (t) => flatten(t.Arn, rule.stack) === primaryBus,
      );
      if (target?.RoleArn) return pass(`${where}: rule ${rule.logicalId} forwards them to ${primaryBus}`, toRef(rule));
    }
    return fail(
      `${where}: rule ${matching[0].logicalId} has no target ${primaryBus} with a role, so they reach no one`,
      toRef(matching[0]),
    );
  });
}
