/**
 * EventBridge's event pattern grammar, evaluated as EventBridge documents it
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html and
 * eb-create-pattern-operators.html): fields AND, each field's array of values OR, nested objects, `$or`, prefix,
 * suffix, equals-ignore-case, wildcard, anything-but (value, list, prefix, suffix, equals-ignore-case, wildcard),
 * numeric ranges, exists, cidr (IPv4). An array in the event matches when any element does, and fields of one nested
 * pattern object must all match inside the same array element (Event Ruler's array-consistent matching, the
 * matcher behind EventBridge: https://github.com/aws/event-ruler#json-array-matching).
 *
 * No maintained npm matcher runs offline under a compatible license; this is the documented grammar, tested on the
 * examples of AWS's pages (test/compliance/paths/event-pattern.test.ts). An operator it does not know throws: the
 * caller then blocks the hop rather than guess.
 */
export type EventValue = string | number | boolean | null | EventValue[] | { [key: string]: EventValue };

/** Whether `pattern` matches `event`. Throws on a pattern outside the documented grammar. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new Error('an event pattern is a JSON object');
  return matchObject(pattern, event);
}

function matchObject(pattern: Record<string, unknown>, value: unknown): boolean {
  // An array of objects: the whole nested pattern must match inside one element (array consistency).
  if (Array.isArray(value)) return value.some((element) => matchObject(pattern, element));
  const event = isObject(value) ? value : {};
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === '$or' && Array.isArray(sub) && sub.length >= 2 && sub.every(isObject)) {
      return sub.some((alternative) => matchObject(alternative, event));
    }
    if (Array.isArray(sub)) return matchField(sub, event[key]);
    if (isObject(sub)) return matchObject(sub, event[key]);
    throw new Error(`pattern field '${key}' must be an array of values or an object`);
  });
}

/** A leaf: the field's values (scalars, flattened from arrays), matched by any of the pattern's matchers. */
function matchField(matchers: readonly unknown[], value: unknown): boolean {
  const values = leafValues(value);
  return matchers.some((m) => matchOne(m, values));
}

function leafValues(value: unknown): Scalar[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const flat = value.flat(Infinity as 1).filter((v): v is Scalar => !isObject(v) && !Array.isArray(v));
    // Ruler: an empty array is as if the field were absent.
    return flat.length > 0 ? flat : undefined;
  }
  // An object where a leaf is expected: the field has no value there (exists: false still matches).
  return isObject(value) ? undefined : [value as Scalar];
}

type Scalar = string | number | boolean | null;

function matchOne(matcher: unknown, values: Scalar[] | undefined): boolean {
  if (!isObject(matcher)) {
    return values !== undefined && values.some((v) => scalarEquals(matcher as Scalar, v));
  }
  const entries = Object.entries(matcher);
  if (entries.length !== 1) throw new Error(`pattern matcher ${JSON.stringify(matcher)} must have one operator`);
  const [op, arg] = entries[0];
  if (op === 'exists') {
    if (typeof arg !== 'boolean') throw new Error('exists takes true or false');
    return arg === (values !== undefined);
  }
  if (values === undefined) return false;
  if (op === 'anything-but') return values.some((v) => !anythingButExcludes(arg, v));
  return values.some((v) => matchOperator(op, arg, v));
}

function matchOperator(op: string, arg: unknown, v: Scalar): boolean {
  switch (op) {
    case 'prefix':
      if (isObject(arg) && typeof arg['equals-ignore-case'] === 'string') {
        return typeof v === 'string' && v.toLowerCase().startsWith(arg['equals-ignore-case'].toLowerCase());
      }
      return typeof v === 'string' && typeof arg === 'string' && v.startsWith(arg);
    case 'suffix':
      if (isObject(arg) && typeof arg['equals-ignore-case'] === 'string') {
        return typeof v === 'string' && v.toLowerCase().endsWith(arg['equals-ignore-case'].toLowerCase());
      }
      return typeof v === 'string' && typeof arg === 'string' && v.endsWith(arg);
    case 'equals-ignore-case':
      return typeof v === 'string' && typeof arg === 'string' && v.toLowerCase() === arg.toLowerCase();
    case 'wildcard':
      return typeof v === 'string' && typeof arg === 'string' && wildcardRegExp(arg).test(v);
    case 'numeric':
      return typeof v === 'number' && numericMatches(arg, v);
    case 'cidr':
      return typeof v === 'string' && typeof arg === 'string' && ipv4InCidr(v, arg);
    default:
      throw new Error(`pattern operator '${op}' is not one EventBridge documents`);
  }
}

/** Whether anything-but's argument names `v` (then anything-but does not match it). */
function anythingButExcludes(arg: unknown, v: Scalar): boolean {
  if (Array.isArray(arg)) return arg.some((a) => scalarEquals(a as Scalar, v));
  if (isObject(arg)) {
    const [op, inner] = Object.entries(arg)[0] ?? [];
    if (op === undefined) throw new Error('anything-but {} names nothing');
    // anything-but { prefix | suffix | equals-ignore-case | wildcard: one value or a list }
    const list = Array.isArray(inner) ? inner : [inner];
    return list.some((one) => matchOperator(op, one, v));
  }
  return scalarEquals(arg as Scalar, v);
}

function scalarEquals(a: Scalar, b: Scalar): boolean {
  return a === b;
}

/** `numeric: ['>', 0, '<=', 5]`: every comparison holds. */
function numericMatches(arg: unknown, v: number): boolean {
  if (!Array.isArray(arg) || arg.length === 0 || arg.length % 2 !== 0) {
    throw new Error(`numeric ${JSON.stringify(arg)} must be operator/number pairs`);
  }
  for (let i = 0; i < arg.length; i += 2) {
    const [op, n] = [arg[i] as unknown, arg[i + 1] as unknown];
    if (typeof n !== 'number') throw new Error(`numeric ${JSON.stringify(arg)}: ${String(n)} is not a number`);
    const ok =
      op === '='
        ? v === n
        : op === '<'
          ? v < n
          : op === '<='
            ? v <= n
            : op === '>'
              ? v > n
              : op === '>='
                ? v >= n
                : null;
    if (ok === null) throw new Error(`numeric operator '${String(op)}' is not one EventBridge documents`);
    if (!ok) return false;
  }
  return true;
}

/** `*` matches any run of characters; `\*` a literal asterisk, `\\` a backslash. */
function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) source += escapeRegExp(pattern[++i]);
    else if (c === '*') source += '.*';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function ipv4InCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4(ip);
  const b = ipv4(base);
  if (b === undefined || !(bits >= 0 && bits <= 32)) {
    throw new Error(`cidr '${cidr}' is not an IPv4 block this matcher evaluates`);
  }
  if (a === undefined) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
