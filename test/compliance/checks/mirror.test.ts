import * as fs from 'fs';
import * as path from 'path';
import type { Check } from '../../../lib/compliance/checks/check';

/** test/compliance/checks mirrors lib/compliance/checks: a check file added without its unit test fails here. */
const LIB = path.join(__dirname, '../../../lib/compliance/checks');

/** `<area>/<check-file>` of every `.ts` file of a folder beside an area's index, private/ helpers left out. */
function filesOf(root: string, suffix: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((area) => area.isDirectory() && area.name !== 'private')
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
  test('finds the check files of every claim folder', () => {
    expect(new Set(filesOf(LIB, '.ts').map((f) => f.split('/')[0]))).toEqual(
      new Set(
        ['billing-1', 'data-1', 'data-2', 'data-3', 'data-4', 'ha-1', 'monitor-1', 'monitor-2', 'monitor-3'].concat([
          'response-1',
          'rest-1',
          'rest-2',
          'rest-3',
          'transit-1',
          'transit-2',
        ]),
      ),
    );
  });

  test.each(filesOf(LIB, '.ts'))('%s is named by its check id, in the folder of its claim', (file) => {
    const { id } = checkOf(file);
    const [head, name] = [id.slice(0, id.indexOf('-')), id.slice(id.indexOf('-') + 1)];
    const claimFolder = head.toLowerCase().replace(/(\d)$/, '-$1');
    expect(file).toBe(`${claimFolder}/${head.toLowerCase()}-${name.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase()}`);
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
