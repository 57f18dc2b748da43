import type { ListenerAction, ListenerRuleProps } from '../../template/cfn/elbv2';
import type { EventRuleProps, EventRuleTarget } from '../../template/cfn/events';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { Check, CheckResult, fail, pass, weakened } from '../check';

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
    const model = assemblyModel(assembly);
    const expiries = model
      .ofType<ListenerRuleProps>('AWS::ElasticLoadBalancingV2::ListenerRule')
      .flatMap((r) =>
        asArray<ListenerAction>(r.props.Actions).map((a) => model.text(r, a.FixedResponseConfig?.MessageBody)),
      )
      .map((body) => /^Expires:\s*(\S+)\s*$/m.exec(body ?? '')?.[1])
      .filter((e): e is string => e !== undefined);
    if (expiries.length === 0) return [fail('no security.txt with an Expires field is answered in the assembly')];
    const reminders = model
      .ofType<EventRuleProps>('AWS::Events::Rule')
      .filter((r) => r.props.State !== 'DISABLED' && asArray(r.props.Targets).length > 0)
      .flatMap((rule) => {
        const m = ONE_TIME_CRON.exec(model.text(rule, rule.props.ScheduleExpression) ?? '');
        const mentions = asArray<EventRuleTarget>(rule.props.Targets).some((t) =>
          (model.text(rule, t.Input) ?? '').includes('security.txt'),
        );
        return m && mentions ? [{ rule, at: Date.UTC(+m[5], +m[4] - 1, +m[3], +m[2], +m[1]) }] : [];
      });
    return [...new Set(expiries)].map((expires) => {
      const due = Date.parse(expires);
      const best = reminders.filter((r) => r.at < due).sort((a, b) => a.at - b.at)[0];
      if (!best) return fail(`security.txt expiring ${expires}: no one-time reminder before it`);
      const lead = Math.floor((due - best.at) / (24 * 3600 * 1000));
      const detail = `security.txt expiring ${expires}: rule ${best.rule.logicalId} reminds ${lead} days before`;
      return lead >= LEAD_DAYS ? pass(detail, best.rule.ref) : weakened(`${detail} (renew the date)`, best.rule.ref);
    });
  },
};
