import { Check, CheckResult, fail, pass, weakened } from '../check';
import { PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, prop } from '../../template/template-values';

/** Remind this many days before security.txt expires. */
const LEAD_DAYS = 30;
const ONE_TIME_CRON = /^cron\((\d{1,2}) (\d{1,2}) (\d{1,2}) (\d{1,2}) \? (\d{4})\)$/;

/**
 * RESPONSE-1 after deploy: for each security.txt the load balancer answers, a one-time EventBridge schedule with a
 * target reminds at least 30 days before its `Expires:` date (weakened when it is closer: renew), so the file does not
 * silently go stale between deploys.
 */
export const securityTxtExpiryReminded: Check = {
  id: 'RESPONSE1-SecurityTxtExpiryReminded',
  claims: ['RESPONSE-1'],
  description: "a one-time schedule reminds 30 days before security.txt's Expires date",
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const expiries = assembly
      .resourcesOfType('AWS::ElasticLoadBalancingV2::ListenerRule')
      .flatMap((r) => asArray<{ FixedResponseConfig?: { MessageBody?: string } }>(prop(r, 'Actions')))
      .map((a) => /^Expires:\s*(\S+)\s*$/m.exec(a.FixedResponseConfig?.MessageBody ?? '')?.[1])
      .filter((e): e is string => e !== undefined);
    if (expiries.length === 0) return [fail('no security.txt with an Expires field is answered in the assembly')];
    const reminders = assembly
      .resourcesOfType('AWS::Events::Rule')
      .filter((r) => prop(r, 'State') !== 'DISABLED' && asArray(prop(r, 'Targets')).length > 0)
      .flatMap((rule) => {
        const m = ONE_TIME_CRON.exec(String(prop(rule, 'ScheduleExpression') ?? ''));
        const mentions = asArray<{ Input?: unknown }>(prop(rule, 'Targets')).some((t) =>
          String(t.Input ?? '').includes('security.txt'),
        );
        return m && mentions ? [{ rule, at: Date.UTC(+m[5], +m[4] - 1, +m[3], +m[2], +m[1]) }] : [];
      });
    return [...new Set(expiries)].map((expires) => {
      const due = Date.parse(expires);
      const best = reminders.filter((r) => r.at < due).sort((a, b) => a.at - b.at)[0];
      if (!best) return fail(`security.txt expiring ${expires}: no one-time reminder before it`);
      const lead = Math.floor((due - best.at) / (24 * 3600 * 1000));
      const detail = `security.txt expiring ${expires}: rule ${best.rule.logicalId} reminds ${lead} days before`;
      return lead >= LEAD_DAYS
        ? pass(detail, toRef(best.rule))
        : weakened(`${detail} (renew the date)`, toRef(best.rule));
    });
  },
};
