import * as fs from 'fs';
import * as path from 'path';

/**
 * The import structure DESIGN.md asks for: core is the ground floor (it imports nothing else of lib), config sits on
 * it, the construct folders and the compliance engine stand side by side on both and never import each other, and
 * only the stacks (and the package index and CLI) put them together.
 */
const LIB = path.join(__dirname, '../../lib');
const CONSTRUCT_FOLDERS = ['network', 'edge', 'compute', 'keys', 'data', 'backup', 'monitoring', 'billing', 'delivery'];
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: ['core'],
  config: ['core', 'config'],
  compliance: ['core', 'config', 'compliance'],
  ...Object.fromEntries(CONSTRUCT_FOLDERS.map((f) => [f, ['core', 'config', f]])),
};

/**
 * Compliance's own floors, lowest first: the typed model of the templates (template/, with the image facts it reads),
 * then the checks, the IAM flows, the paths, the redundancy analysis that reads the paths, the one registry of every
 * check, and on top the gate and the evidence. A floor imports only the floors beneath it (and core and config).
 */
const COMPLIANCE_FLOORS: Readonly<Record<string, readonly string[]>> = {
  containers: [],
  template: ['containers'],
  continuity: ['template'],
  checks: ['template', 'containers', 'continuity'],
  flows: ['template', 'checks'],
  paths: ['template', 'checks', 'flows'],
  redundancy: ['template', 'checks', 'paths'],
  'registry.ts': ['checks', 'flows', 'paths', 'redundancy'],
  gate: ['template', 'checks', 'flows', 'registry.ts'],
  evidence: ['template', 'checks', 'continuity', 'flows', 'paths', 'redundancy', 'registry.ts', 'gate'],
  'index.ts': ['evidence', 'gate'],
};

/** `<file>: imports compliance/<floor>` for every import inside compliance/ that its floor may not make. */
function complianceViolations(files: readonly { file: string; text: string }[]): string[] {
  const root = path.join(LIB, 'compliance');
  const out: string[] = [];
  for (const { file, text } of files) {
    const rel = path.relative(root, file);
    if (rel.startsWith('..')) continue;
    const floor = rel.split(path.sep)[0];
    const allowed = COMPLIANCE_FLOORS[floor];
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"](\.[^'"]+)['"]/g)) {
      const target = path.relative(root, path.resolve(path.dirname(file), m[1]));
      if (target.startsWith('..')) continue; // core, config, outside lib
      const imported = target.split(path.sep)[0];
      const importedFloor = imported === 'registry' || imported === 'index' ? `${imported}.ts` : imported;
      if (importedFloor === floor) continue;
      if (!allowed?.includes(importedFloor))
        out.push(`compliance/${rel}: imports compliance/${importedFloor} (${m[1]})`);
    }
  }
  return out;
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const LIB_FILES = () => sources(LIB).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

/** `<file>: imports <folder> (<specifier>)` for every import of lib that its folder may not make. */
function violations(files: readonly { file: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const folder = path.relative(LIB, file).split(path.sep)[0];
    const allowed = MAY_IMPORT[folder];
    if (!allowed) continue;
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"](\.[^'"]+)['"]/g)) {
      const target = path.relative(LIB, path.resolve(path.dirname(file), m[1]));
      if (target.startsWith('..')) continue; // outside lib (package.json, assets)
      const imported = target.split(path.sep)[0];
      if (!allowed.includes(imported)) out.push(`${path.relative(LIB, file)}: imports ${imported} (${m[1]})`);
    }
  }
  return out;
}

describe('import structure of lib/', () => {
  test('every folder imports only the floors it stands on', () => {
    expect(violations(LIB_FILES())).toEqual([]);
  });

  test("compliance's floors import only the floors beneath them", () => {
    expect(complianceViolations(LIB_FILES())).toEqual([]);
  });

  test('the compliance reader finds a floor importing one above it', () => {
    const probe = {
      file: path.join(LIB, 'compliance', 'template', 'probe.ts'),
      text: "import { CHECKS } from '../registry';\nimport { evaluatePaths } from '../paths';\n",
    };
    expect(complianceViolations([...LIB_FILES(), probe])).toEqual([
      'compliance/template/probe.ts: imports compliance/registry.ts (../registry)',
      'compliance/template/probe.ts: imports compliance/paths (../paths)',
    ]);
  });

  test('the reader finds a violation when there is one', () => {
    const probe = {
      file: path.join(LIB, 'backup', 'probe.ts'),
      text: "import { EncryptedUploadBucket } from '../data/encrypted-upload-bucket';\nimport { x } from '../core/y';\n",
    };
    expect(violations([...LIB_FILES(), probe])).toEqual([
      'backup/probe.ts: imports data (../data/encrypted-upload-bucket)',
    ]);
  });
});
