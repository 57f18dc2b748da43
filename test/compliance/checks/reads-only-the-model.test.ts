import * as fs from 'fs';
import * as path from 'path';

/**
 * Issue 21: no check reads raw template JSON outside the typed model (lib/compliance/template/stage-model.ts). The
 * checks of the folders below find resources by type or role, follow references with `model.resolve` /
 * `resolveAll` / `mentions` / `referencing`, read values with `model.text` / `literal`, and read properties through
 * the typed views of lib/compliance/template/cfn/. This test reads their source and names every line that still
 * reaches past the model. Add a folder (or a shared helper file) once its checks are migrated.
 */
const CHECKS = path.join(__dirname, '../../../lib/compliance/checks');

/** Claim folders whose every check reads through the model (every `.ts` file directly inside). */
const MIGRATED_FOLDERS = [
  'monitor-1',
  'monitor-2',
  'monitor-3',
  'data-1',
  'data-2',
  'data-3',
  'data-4',
  'rest-1',
  'rest-2',
  'rest-3',
  'transit-1',
  'transit-2',
  'response-1',
  'ha-1',
  'billing-1',
  // Outside checks/: the continuity readers the MONITOR-2 check and the evidence share.
  '../continuity',
];

/** Shared helper files of the checks that read through the model too. */
const MIGRATED_FILES = [
  'check.ts',
  'customer-data.ts',
  'resource-readers.ts',
  'trail-coverage.ts',
  'private/alarm-values.ts',
  'private/cfn.ts',
  'private/database-values.ts',
  'private/event-patterns.ts',
  'private/stripe-secret.ts',
];

/**
 * Files of a migrated folder not migrated yet, each with the reason. The test fails when one of them reads only the
 * model after all, so the exemption is removed as soon as it is no longer needed.
 */
const NOT_YET: Readonly<Record<string, string>> = {};

/** What reaches past the model, and what to use instead. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly instead: string }[] = [
  { pattern: /\.Properties\b/, instead: 'the typed `r.props` of a model resource' },
  { pattern: /as Record<string, unknown>/, instead: 'a typed view in lib/compliance/template/cfn/' },
  {
    pattern: /\b(resourcesOfType|allResources|resourcesIn)\(/,
    instead: '`model.ofType` / `withRole` / `theOne`',
  },
  {
    pattern: /\b(resolveLocal|resolveResource|referencedLogicalId)\(/,
    instead: '`model.resolve` / `resolveAll` / `reference`',
  },
  {
    pattern: /(?<![.\w])(refersTo|pointsAt|referenced|inStack|sameResource)\(/,
    instead: '`model.mentions` / `resolve`',
  },
  { pattern: /(?<![.\w])flatten\(/, instead: '`model.text`' },
  { pattern: /(?<![.\w])props?\(/, instead: 'the typed `r.props` of a model resource' },
  { pattern: /\bperEnvironment\(/, instead: '`perStage`' },
  { pattern: /\.template\.(Resources|Outputs)\b/, instead: 'the model, which reads the templates once' },
];

/** Every line of `source` that reaches past the model, as `<file>:<line>: <text> (use <instead>)`. */
function violations(file: string, source: string): string[] {
  return source.split('\n').flatMap((text, i) => {
    const code = text.trim();
    // Comments may name what is forbidden.
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return [];
    return FORBIDDEN.filter((f) => f.pattern.test(code)).map((f) => `${file}:${i + 1}: ${code} (use ${f.instead})`);
  });
}

function migratedFiles(): string[] {
  const inFolders = MIGRATED_FOLDERS.flatMap((folder) =>
    fs
      .readdirSync(path.join(CHECKS, folder))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => `${folder}/${f}`),
  );
  return [...inFolders, ...MIGRATED_FILES];
}

const read = (file: string) => fs.readFileSync(path.join(CHECKS, file), 'utf8');

describe('checks read templates only through the typed model', () => {
  test.each(migratedFiles().filter((f) => !NOT_YET[f]))('%s reads only the model', (file) => {
    expect(violations(file, read(file))).toEqual([]);
  });

  // jest refuses an empty table: with no exemption left there is nothing to hold to its reason.
  const exempt = Object.keys(NOT_YET);
  if (exempt.length > 0) {
    test.each(exempt)('%s is still exempt for a reason (drop the exemption once migrated)', (file) => {
      expect(migratedFiles()).toContain(file);
      expect(violations(file, read(file)).length).toBeGreaterThan(0);
    });
  }

  test('probe: every forbidden read is named with its file and line; imports, comments and model calls are not', () => {
    const probe = [
      "import { prop } from '../../template/template-values';",
      '// a comment may say .Properties and resourcesOfType(',
      'const a = r.resource.Properties?.Engine;',
      'const b = (x ?? {}) as Record<string, unknown>;',
      "const c = assembly.resourcesOfType('AWS::S3::Bucket');",
      'const d = assembly.resolveLocal(stack, value);',
      'const e = refersTo(value, bucket.logicalId);',
      'const f = flatten(value, stack);',
      "const g = prop(r, 'Engine');",
      'return perEnvironment(assembly, judge);',
      'const h = stack.template.Resources?.[id];',
      'const ok = model.text(r, r.props.Name) ?? model.resolve(r, r.props.Role) ?? model.mentions(r, v, t);',
    ].join('\n');
    expect(violations('probe.ts', probe).map((v) => v.replace(/: .*$/, ''))).toEqual([
      'probe.ts:3',
      'probe.ts:4',
      'probe.ts:5',
      'probe.ts:6',
      'probe.ts:7',
      'probe.ts:8',
      'probe.ts:9',
      'probe.ts:10',
      'probe.ts:11',
    ]);
  });
});
