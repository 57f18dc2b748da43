import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { HOP_MUTATIONS } from './hop-mutations';

/**
 * Whether a schedule rule's expression ever fires from now on
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html): a rate always does; a
 * cron that fixes its year, month and day of month fires only if that date exists and is still ahead.
 */
export function scheduleHop(model: StageModel, rule: ModelResource, now: Date = new Date()): HopRecord {
  const expression = model.text(rule, rule.props.ScheduleExpression);
  const base = { hop: 'event-rule-schedule', resource: rule.ref, property: 'ScheduleExpression' } as const;
  const fires = expression ? firesFrom(expression, now) : { fires: false, why: 'no schedule expression' };
  return {
    ...base,
    verdict: fires.fires ? 'pass' : 'block',
    detail: `${expression ?? '(none)'}: ${fires.why}`,
    mutations: fires.fires ? HOP_MUTATIONS['event-rule-schedule'](rule) : undefined,
  };
}

function firesFrom(expression: string, now: Date): { fires: boolean; why: string } {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate)
    return Number(rate[1]) > 0 ? { fires: true, why: 'fires at that rate' } : { fires: false, why: 'a rate of 0' };
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) return { fires: false, why: 'not an expression EventBridge accepts' };
  const [minute, hour, day, month, , year] = cron.slice(1);
  const fixed = [minute, hour, day, month, year].every((f) => /^\d+$/.test(f));
  if (!fixed) return { fires: true, why: 'a recurring cron' };
  const at = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute)));
  if (at.getUTCMonth() !== Number(month) - 1 || at.getUTCDate() !== Number(day)) {
    return { fires: false, why: `${year}-${month}-${day} is not a date, so it never fires` };
  }
  return at.getTime() > now.getTime()
    ? { fires: true, why: `fires once, at ${at.toISOString()}` }
    : { fires: false, why: `its one time, ${at.toISOString()}, has passed` };
}
