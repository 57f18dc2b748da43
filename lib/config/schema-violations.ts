import type { z } from 'zod';
import type { ConfigViolation } from '../core/errors';
import { closestName } from './closest-name';
import { platformConfigSchema } from './schema';

export interface SchemaFindings {
  readonly violations: ConfigViolation[];
  /** Settings of the wrong type or not known at all: rules of the table on them (or inside them) would only echo. */
  readonly typeErrorPaths: string[];
}

/**
 * The schema's findings as violations that read like the rules table's: the setting (dotted path), its value, what
 * is wrong and the fix. An unknown key suggests the known key it most resembles (a typo such as `alertEmail`).
 */
export function schemaViolations(input: unknown): SchemaFindings {
  const result = platformConfigSchema.safeParse(input);
  if (result.success) return { violations: [], typeErrorPaths: [] };
  const violations: ConfigViolation[] = [];
  const typeErrorPaths: string[] = [];
  for (const issue of result.error.issues) {
    const where = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const known = knownKeysAt(where);
        const closest = closestName(key, known);
        const setting = [...where, key].join('.');
        typeErrorPaths.push(setting);
        violations.push({
          setting,
          value: valueAt(input, [...where, key]),
          problem: `is not a setting of ${where.length ? where.join('.') : 'the platform config'}`,
          fix: closest
            ? `rename it to '${closest}' (the setting it most resembles), or remove it`
            : `remove it; the settings here are ${known.join(', ')}`,
        });
      }
      continue;
    }
    const setting = where.join('.') || '(the config)';
    const value = valueAt(input, where);
    if (issue.code === 'invalid_type') typeErrorPaths.push(setting);
    violations.push({ setting, value, ...describeIssue(issue, value) });
  }
  return { violations, typeErrorPaths };
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): { problem: string; fix: string } {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) {
        return { problem: 'is missing', fix: `set it (${article(issue.expected)}); it has no default` };
      }
      return {
        problem: `is ${article(kindOf(value))}, not ${article(issue.expected)}`,
        fix:
          issue.expected === 'number'
            ? 'write a number without quotes'
            : issue.expected === 'string' && typeof value === 'number'
              ? `write it in quotes: "${value}" (as a number, an id loses its leading zeros)`
              : `give ${article(issue.expected)}${issue.expected === 'array' ? ' (a JSON list in [ ])' : ''}`,
      };
    case 'invalid_value':
      return {
        problem: `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        fix: `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { problem: issue.message, fix: 'correct the value' };
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function valueAt(input: unknown, where: readonly string[]): unknown {
  let at = input;
  for (const key of where) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The keys the schema accepts for the object at a path (through optional wrappers and unions with an object). */
function knownKeysAt(where: readonly string[]): string[] {
  let schema: z.ZodType = platformConfigSchema;
  for (const key of [...where, '']) {
    while ('unwrap' in schema && typeof schema.unwrap === 'function') schema = (schema.unwrap as () => z.ZodType)();
    // A union (a mode or a per-region object): the keys of its object option.
    if ('options' in schema && Array.isArray(schema.options))
      schema = (schema.options as z.ZodType[]).find((o) => 'shape' in o) ?? schema;
    if (!('shape' in schema)) return [];
    const shape = schema.shape as Record<string, z.ZodType>;
    if (key === '') return Object.keys(shape);
    schema = shape[key];
    if (!schema) return [];
  }
  return [];
}
