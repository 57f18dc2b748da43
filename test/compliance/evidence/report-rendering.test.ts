import * as fs from 'fs';
import * as path from 'path';
import { collectEvidence } from '../../../lib/compliance/evidence/collect-evidence';
import type { EvidenceReport } from '../../../lib/compliance/evidence/evidence-model';
import { renderEvidenceMarkdown } from '../../../lib/compliance/evidence/render-markdown';
import { SUMMARY_HEADER } from '../../../lib/compliance/evidence/report/summary-section';
import { RESOURCE_HEADER } from '../../../lib/compliance/evidence/report/resource-table';
import { CHECKS } from '../../../lib/compliance/registry';
import { REFERENCE_ASSEMBLY_DIR } from '../../support/reference-constants';
import { REFERENCE_DOCUMENTS } from '../../support/reference-judgement';
import { anchoredSection, renderedTables, sourceTables } from './report-support';

/** The reference report, rendered as `npm run evidence` renders it, read as a person and as GitHub would. */
const COMMAND = 'npm run evidence -- --docs docs';
const BUDGET = 100 * 1024;
const INTRINSIC = /\bRef\b|Fn::|\$\{Token\[/;

/** The committed copy, which `npm run evidence -- --write-committed` makes from the full reference (packs on). */
const COMMITTED = path.join(__dirname, '../../../docs/evidence/security-evidence.md');

let report: EvidenceReport;
let rendered: string;
beforeAll(() => {
  report = collectEvidence({ outdir: REFERENCE_ASSEMBLY_DIR, documentsDir: REFERENCE_DOCUMENTS });
  rendered = renderEvidenceMarkdown(report, { command: COMMAND });
});
const env = () => report.environments[0];

/** What holds of any report, read from its markdown alone. */
describe.each([
  ['the reference report, rendered', () => rendered],
  ['the committed reference report', () => fs.readFileSync(COMMITTED, 'utf8')],
])('%s', (_name, source) => {
  let markdown: string;
  beforeAll(() => {
    markdown = source();
  });
  const summaryRows = () => {
    const table = sourceTables(markdown).find((t) => t.header[0] === SUMMARY_HEADER[0])!;
    return table.rows.map((r) => Object.fromEntries(SUMMARY_HEADER.map((h, i) => [h, r[i]])));
  };

  test(`is under ${BUDGET / 1024} kB`, () => {
    expect(Buffer.byteLength(markdown)).toBeLessThan(BUDGET);
  });

  test('every table renders as a table in a CommonMark + GFM renderer, each row with the header’s columns', () => {
    const source = sourceTables(markdown);
    const tables = renderedTables(markdown);
    expect(source.length).toBeGreaterThan(20);
    expect(tables.map((t) => t.line)).toEqual(source.map((t) => t.line));
    source.forEach((table, i) => {
      const columns = table.header.length;
      expect(`line ${table.line + 1}: ${tables[i].rows.join(',')}`).toBe(
        `line ${table.line + 1}: ${Array<number>(table.rows.length + 1)
          .fill(columns)
          .join(',')}`,
      );
    });
  });

  test('every link inside the report leads to an anchor of the report, the quote’s response page link included', () => {
    const targets = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(30);
    for (const t of new Set(targets)) expect(`#${t}: ${markdown.includes(`<a id="${t}"></a>`)}`).toBe(`#${t}: true`);
    expect(markdown).toMatch(/\[security response page\]\(#[a-z0-9-]+-response-1-documents\)/);
    expect(markdown).not.toContain('](response/index.md)');
  });

  test('the claims table’s figures are those of each claim’s section', () => {
    const rows = summaryRows();
    expect(rows.length).toBeGreaterThanOrEqual(17);
    for (const row of rows) {
      const id = /\[([A-Z]+-\d+)\]/.exec(row.claim)![1];
      const section = anchoredSection(markdown, `${row.environment}-${id.toLowerCase()}`);
      const checks = sourceTables(section).find((t) => t.header[1] === 'check')?.rows ?? [];
      expect(`${id} checks ${row['own checks']}`).toBe(`${id} checks ${checks.length}`);
      const sum = (pattern: RegExp) => checks.reduce((n, r) => n + Number(pattern.exec(r[2])?.[1] ?? 0), 0);
      expect(`${id} ${row['results pass / fail / ack']}`).toBe(
        `${id} ${sum(/(\d+) pass/)} / ${sum(/(\d+) fail/)} / ${sum(/(\d+) acknowledged/)}`,
      );
      const acks = /\*\*Acknowledged findings\*\* \((\d+) reasons?, on (\d+) resources?/.exec(section);
      expect(`${id} acks ${row['acknowledgment reasons (resources)']}`).toBe(
        `${id} acks ${acks ? `${acks[1]} (${acks[2]})` : '0 (0)'}`,
      );
      const ackList = section.split('**Acknowledged findings**')[1] ?? '';
      const bullets = ackList.split('\n').filter((l) => l.startsWith('- `'));
      expect(new Set(bullets).size).toBe(bullets.length);
      expect(bullets.length).toBe(Number(acks?.[1] ?? 0));
      const paths = /\*\*Paths\*\*: (\d+) of (\d+) hold/.exec(section);
      expect(`${id} paths ${row['paths holding']}`).toBe(
        `${id} paths ${paths ? `${paths[1]} of ${paths[2]}` : '0 of 0'}`,
      );
      const flows = /\*\*IAM flows\*\*: (\d+) of (\d+) hold/.exec(section);
      expect(`${id} flows ${row['flows holding']}`).toBe(
        `${id} flows ${flows ? `${flows[1]} of ${flows[2]}` : '0 of 0'}`,
      );
      const rules = /by (\d+) AWS Config rules?/.exec(section);
      expect(`${id} rules ${row['Config rules']}`).toBe(`${id} rules ${rules?.[1] ?? 0}`);
    }
  });

  test('lists each check once, under the claim its id names', () => {
    const listed = sourceTables(markdown)
      .filter((t) => t.header[1] === 'check')
      .flatMap((t) => t.rows.map((r) => r[1]));
    expect(listed.length).toBe(new Set(listed).size);
    for (const id of listed) expect(CHECKS.map((c) => c.id)).toContain(id);
    for (const row of summaryRows()) {
      const id = /\[([A-Z]+-\d+)\]/.exec(row.claim)![1];
      const section = anchoredSection(markdown, `${row.environment}-${id.toLowerCase()}`);
      const own =
        sourceTables(section)
          .find((t) => t.header[1] === 'check')
          ?.rows.map((r) => r[1]) ?? [];
      for (const check of own) expect(`${id}: ${check}`).toMatch(new RegExp(`^${id}: ${id.replace('-', '')}-`));
    }
  });

  test('no value cell holds a check id or an unresolved intrinsic', () => {
    const ids = CHECKS.map((c) => c.id);
    const tables = sourceTables(markdown).filter((t) => t.header.join() === RESOURCE_HEADER.join());
    expect(tables.length).toBeGreaterThan(5);
    const valueColumns = RESOURCE_HEADER.map((h, i) => [h, i] as const).filter(([h]) => h !== 'checks');
    for (const table of tables)
      for (const row of table.rows)
        for (const [header, i] of valueColumns) {
          const value = row[i];
          expect(`${header}: ${value}`).not.toMatch(INTRINSIC);
          for (const id of ids) expect(`${header}: ${value}`).not.toContain(id);
        }
    // Values are resolved to names and ARNs of the configured account.
    expect(tables.flatMap((t) => t.rows.map((r) => r[3])).join(' ')).toMatch(/arn:aws:iam::\d{12}:role\//);
  });
});

describe('the reference report against its evidence', () => {
  test('says which command made it', () => {
    expect(rendered).toContain(`| made by | \`${COMMAND}\` |`);
    expect(renderEvidenceMarkdown(report)).toContain('| made by | `secure-platform evidence` |');
    expect(rendered).not.toContain('npm run evidence`');
  });

  test('says which Config rules watch a claim once, on one line, never as rows of resources', () => {
    for (const c of env().claims.filter((x) => x.continuousChecks.length)) {
      const section = anchoredSection(rendered, `${env().environment}-${c.id.toLowerCase()}`);
      const line = section.split('\n').find((l) => l.startsWith('**Kept watching after deploy**'))!;
      for (const rule of new Set(c.continuousChecks.map((r) => r.identifier)))
        expect(line.split(`\`${rule}\``)).toHaveLength(2);
      expect(section).not.toMatch(/\| Config::ConfigRule \|/);
    }
  });

  test('folds the paths and flows into the appendix, behind a count line', () => {
    const data3 = anchoredSection(rendered, `${env().environment}-data-3`);
    expect(data3).toMatch(
      /\*\*Paths\*\*: \d+ of \d+ hold \(\d+ required, \d+ forbidden\); \*\*IAM flows\*\*: \d+ of \d+ hold/,
    );
    const appendix = anchoredSection(rendered, `${env().environment}-data-3-appendix`);
    expect(appendix).toContain('backup-copies-into-recovery-vault');
    expect(rendered.indexOf('## Appendix')).toBeLessThan(
      rendered.indexOf(`<a id="${env().environment}-data-3-appendix">`),
    );
  });

  test('the JSON quotes resolved values too', () => {
    const values = JSON.stringify(env().claims.flatMap((c) => c.resources.map((r) => r.properties)));
    expect(values).not.toMatch(/"(Ref|Fn::[A-Za-z]+)"/);
    expect(values).toContain(`arn:aws:iam::${env().account}:role/`);
  });
});
