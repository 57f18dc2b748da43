/**
 * Whether a schedule expression fires at least once every 24 hours. AWS Backup rules and EventBridge Scheduler share
 * AWS's six-field cron format, `cron(minutes hours day-of-month month day-of-week year)`, where one of the two day
 * fields must be `?` and day-of-week counts 1-7 from Sunday
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based). AWS Backup takes cron
 * only; Scheduler also takes `rate(value unit)`. Anything this parser does not understand (`L`, `W`, `#`, `at()`) is
 * not daily: the hop fails closed.
 */
export interface ScheduleJudgement {
  readonly daily: boolean;
  readonly detail: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: DAYS },
  { min: 1970, max: 2199 },
];

/** The values a cron field selects, `'any'` for `?`, or undefined when it is malformed or uses L, W or #. */
export function expandCronField(field: string, spec: FieldSpec): Set<number> | 'any' | undefined {
  if (field === '?') return 'any';
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else {
      const [a, b] = range.split('-');
      from = valueOf(a, spec);
      to = b === undefined ? (stepText === undefined ? from : spec.max) : valueOf(b, spec);
    }
    if (from === undefined || to === undefined || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function valueOf(text: string | undefined, spec: FieldSpec): number | undefined {
  if (text === undefined) return undefined;
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + spec.min : /^\d+$/.test(text) ? Number(text) : undefined;
  return value !== undefined && value >= spec.min && value <= spec.max ? value : undefined;
}

const isAll = (set: Set<number> | 'any' | undefined, spec: FieldSpec) =>
  set instanceof Set && set.size === spec.max - spec.min + 1;

/** Judges `cron(...)` (and `rate(...)` when the service accepts it) against "fires at least once every 24 hours". */
export function judgeDailySchedule(
  expression: string | undefined,
  options: { acceptsRate: boolean },
): ScheduleJudgement {
  if (expression === undefined) return { daily: false, detail: 'no schedule expression' };
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(expression);
  if (rate) {
    if (!options.acceptsRate)
      return { daily: false, detail: `${expression}: this service takes cron expressions only` };
    const minutes = Number(rate[1]) * (rate[2].startsWith('minute') ? 1 : rate[2].startsWith('hour') ? 60 : 1440);
    return minutes > 0 && minutes <= 1440
      ? { daily: true, detail: `${expression} fires every ${minutes} minutes` }
      : { daily: false, detail: `${expression} fires less often than every 24 hours` };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  const fields = cron?.[1].trim().split(/\s+/);
  if (!fields || fields.length !== 6)
    return { daily: false, detail: `${expression} is not a six-field cron expression` };
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields.map((f, i) => expandCronField(f, FIELDS[i]));
  if (!(minutes instanceof Set) || !(hours instanceof Set) || minutes.size === 0 || hours.size === 0) {
    return { daily: false, detail: `${expression}: minutes and hours must name times of day` };
  }
  if ((dayOfMonth === 'any') === (dayOfWeek === 'any')) {
    return { daily: false, detail: `${expression}: exactly one of day-of-month and day-of-week must be '?'` };
  }
  const everyDay = dayOfMonth === 'any' ? isAll(dayOfWeek, FIELDS[4]) : isAll(dayOfMonth, FIELDS[2]);
  if (!everyDay || !isAll(month, FIELDS[3]) || fields[5] !== '*' || !(year instanceof Set)) {
    return { daily: false, detail: `${expression} does not fire on every day of every month and year` };
  }
  return {
    daily: true,
    detail: `${expression} fires ${minutes.size * hours.size} time(s) every day (UTC unless a time zone is set)`,
  };
}
