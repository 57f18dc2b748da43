import * as fs from 'fs';
import * as path from 'path';

/** test/compliance/checks mirrors lib/compliance/checks: a check file added without its unit test fails here. */
const LIB = path.join(__dirname, '../../../lib/compliance/checks');

/** `<area>/<check-file>` of every check file: one per file beside an area's index, private/ helpers left out. */
function checkFiles(): string[] {
  return fs
    .readdirSync(LIB, { withFileTypes: true })
    .filter((area) => area.isDirectory())
    .flatMap((area) =>
      fs
        .readdirSync(path.join(LIB, area.name), { withFileTypes: true })
        .filter((f) => f.isFile() && f.name.endsWith('.ts') && f.name !== 'index.ts')
        .map((f) => `${area.name}/${f.name.replace(/\.ts$/, '')}`),
    )
    .sort();
}

describe('test/compliance/checks mirrors lib/compliance/checks', () => {
  test('finds the check files of every area', () => {
    expect(new Set(checkFiles().map((f) => f.split('/')[0]))).toEqual(new Set(['data', 'monitoring', 'network']));
  });

  test.each(checkFiles())('%s has a test file of the same name', (file) => {
    expect(fs.existsSync(path.join(__dirname, `${file}.test.ts`))).toBe(true);
  });
});
