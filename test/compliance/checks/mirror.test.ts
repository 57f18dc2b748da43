import * as fs from 'fs';
import * as path from 'path';
import type { Check } from '../../../lib/compliance/checks/check';

/** test/compliance/checks mirrors lib/compliance/checks: a check file added without its unit test fails here. */
const LIB = path.join(__dirname, '../../../lib/compliance/checks');

/** `<area>/<check-file>` of every `.ts` file of a folder beside an area's index, private/ helpers left out. */
function filesOf(root: string, suffix: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((area) => area.isDirectory())
    .flatMap((area) =>
      fs
        .readdirSync(path.join(root, area.name), { withFileTypes: true })
        .filter((f) => f.isFile() && f.name.endsWith(suffix) && f.name !== 'index.ts')
        .map((f) => `${area.name}/${f.name.slice(0, -suffix.length)}`),
    )
    .sort();
}

/** The check a check file exports. */
function checkOf(file: string): Check {
  const exported = Object.values(jest.requireActual<Record<string, unknown>>(path.join(LIB, file)));
  return exported.find((e): e is Check => typeof (e as Check | undefined)?.run === 'function')!;
}

describe('test/compliance/checks mirrors lib/compliance/checks', () => {
  test('finds the check files of every area', () => {
    expect(new Set(filesOf(LIB, '.ts').map((f) => f.split('/')[0]))).toEqual(
      new Set(['data', 'monitoring', 'network']),
    );
  });

  test.each(filesOf(LIB, '.ts'))('%s has a test file of the same name, describing its check', (file) => {
    const testFile = path.join(__dirname, `${file}.test.ts`);
    expect(fs.existsSync(testFile)).toBe(true);
    const text = fs.readFileSync(testFile, 'utf8');
    expect(text).toContain(`describe('${checkOf(file).id}'`);
    expect(text).toMatch(/test\('Compliance'/);
    expect(text).toMatch(/'Noncompliance (1|%i)\b/);
  });

  test('every test file mirrors a check file', () => {
    expect(filesOf(__dirname, '.test.ts')).toEqual(filesOf(LIB, '.ts'));
  });
});
