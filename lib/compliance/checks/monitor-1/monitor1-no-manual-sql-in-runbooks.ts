import * as fs from 'fs';
import * as path from 'path';
import { MANUAL_SQL_STEPS } from '../../../core/requirements/database';
import { Check, CheckResult, fail, pass } from '../check';

/**
 * The runbooks the library ships (docs/runbooks). From source they are four levels above this file; the compiled
 * package ships them at their source path (package.json `files`), five levels above.
 */
export const RUNBOOKS_DIR =
  [
    path.join(__dirname, '..', '..', '..', '..', 'docs', 'runbooks'),
    path.join(__dirname, '..', '..', '..', '..', '..', 'docs', 'runbooks'),
  ].find((d) => fs.existsSync(d)) ?? path.join(__dirname, '..', '..', '..', '..', 'docs', 'runbooks');

/**
 * MONITOR-1: no runbook asks a person to type SQL into the database (a psql session, a CREATE ROLE, a GRANT): what the
 * database must hold is declared and applied by the database bootstrap on deploy, and the audit promise does not
 * depend on someone remembering a step. Reads every Markdown file of `dir`.
 */
export function noManualSqlInRunbooks(dir: string = RUNBOOKS_DIR): Check {
  return {
    id: 'MONITOR1-NoManualSqlInRunbooks',
    claims: ['MONITOR-1'],
    description: 'no runbook contains a manual SQL step (a database client session or a SQL statement to type)',
    run: (): CheckResult[] => {
      const files = fs.existsSync(dir)
        ? fs
            .readdirSync(dir)
            .filter((f) => f.endsWith('.md'))
            .sort()
        : [];
      if (files.length === 0) return [fail(`no runbook (*.md) in ${dir} to read`)];
      return files.map((file) => {
        const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
        const steps = lines
          .map((text, i) => ({ line: i + 1, text: text.trim() }))
          .filter(({ text }) => MANUAL_SQL_STEPS.some((pattern) => pattern.test(text)));
        return steps.length
          ? fail(
              `runbook ${file}: manual SQL step(s) at ${steps.map((s) => `line ${s.line} (${s.text.slice(0, 80)})`).join('; ')}. Fix: put the statement into the database bootstrap (lib/data/database-bootstrap/bootstrap.sql) or a script the tests run`,
            )
          : pass(`runbook ${file}: no manual SQL step in ${lines.length} lines`);
      });
    },
  };
}

/** The check over the runbooks this library ships. */
export const noManualSqlInShippedRunbooks: Check = noManualSqlInRunbooks();
