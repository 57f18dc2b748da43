import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { noManualSqlInRunbooks } from '../../../../lib/compliance/checks/monitor-1/monitor1-no-manual-sql-in-runbooks';
import { modelOf, outcomes } from '../../../support/check-fixtures';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
const judged = () => outcomes(noManualSqlInRunbooks(dir), modelOf({}));
const CLEAN = '# Restore\n\nRun `npm run restore`; the bootstrap will grant them access on deploy.\n';

describe('MONITOR1-NoManualSqlInRunbooks', () => {
  test('Compliance', () => {
    write('restore.md', CLEAN);
    write('rotate.md', '# Rotate\n\nRedeploy.');
    write('notes.txt', 'psql -h db');
    expect(judged()).toEqual([
      'pass -: runbook restore.md: no manual SQL step in 4 lines',
      'pass -: runbook rotate.md: no manual SQL step in 3 lines',
    ]);
  });

  test('Noncompliance 1: no runbook to read', () => {
    write('notes.txt', 'nothing');
    expect(judged()).toEqual([`fail -: no runbook (*.md) in ${dir} to read`]);
    const missing = path.join(dir, 'missing');
    expect(outcomes(noManualSqlInRunbooks(missing), modelOf({}))).toEqual([
      `fail -: no runbook (*.md) in ${missing} to read`,
    ]);
  });

  test('Noncompliance 2: a runbook with manual SQL steps', () => {
    write('clean.md', CLEAN);
    write('access.md', '# Access\n\n    psql -h prod-db -U postgres\n    CREATE ROLE alice LOGIN;\n\nDone.\n');
    expect(judged()).toEqual([
      'fail -: runbook access.md: manual SQL step(s) at line 3 (psql -h prod-db -U postgres); line 4 (CREATE ROLE alice LOGIN;). Fix: put the statement into the database bootstrap (lib/data/database-bootstrap/bootstrap.sql) or a script the tests run',
      'pass -: runbook clean.md: no manual SQL step in 4 lines',
    ]);
  });

  test('Noncompliance 3: each kind of statement is a manual step', () => {
    const statements = [
      'pgcli prod',
      'DROP TABLE uploads;',
      'GRANT SELECT ON uploads TO alice;',
      'SELECT id FROM uploads;',
      'DELETE FROM uploads;',
      'SET ROLE app;',
      'set pgaudit.log = none;',
    ];
    statements.forEach((s, i) => write(`step${i}.md`, s));
    expect(judged().filter((o) => o.startsWith('fail -: runbook step'))).toHaveLength(statements.length);
  });
});
