import * as fs from 'fs';
import * as path from 'path';
import { judgeDocument } from '../../../lib/compliance/evidence/documents/judge-document';
import { markdownSections } from '../../../lib/compliance/evidence/documents/markdown-sections';
import { documentVerdict } from '../../../lib/compliance/evidence/documents/document-verdict';
import {
  BREACH_RUNBOOK,
  DOCUMENT_REQUIREMENTS,
  SECURITY_RESPONSE_PAGE,
} from '../../../lib/core/requirements/documents';
import { CLAIMS } from '../../../lib/core/claims/register';

const REPO = path.join(__dirname, '../../..');
const problems = (requirement: typeof BREACH_RUNBOOK, text: string) =>
  judgeDocument(requirement, text)
    .filter((s) => s.problem)
    .map((s) => `${s.name}: ${s.problem}`);

describe('documents judged by their content', () => {
  test('core requires sections of every document a claim cites, and of no other', () => {
    expect(DOCUMENT_REQUIREMENTS.map((d) => d.path).sort()).toEqual(CLAIMS.flatMap((c) => c.documents ?? []).sort());
    for (const d of DOCUMENT_REQUIREMENTS) expect(CLAIMS.find((c) => c.id === d.claim)?.documents).toContain(d.path);
  });

  test("the repository's runbook and response page have every required section", () => {
    expect(problems(BREACH_RUNBOOK, fs.readFileSync(path.join(REPO, BREACH_RUNBOOK.path), 'utf8'))).toEqual([]);
    expect(
      problems(SECURITY_RESPONSE_PAGE, fs.readFileSync(path.join(REPO, SECURITY_RESPONSE_PAGE.path), 'utf8')),
    ).toEqual([]);
  });

  test('a two-line "Call people." runbook fails, naming each missing section', () => {
    expect(problems(BREACH_RUNBOOK, '# Runbook\n\nCall people.\n')).toEqual([
      expect.stringMatching(/^who decides: no heading names it/),
      expect.stringMatching(/^who is notified and by when: no heading names it/),
      expect.stringMatching(/^channels: no heading names it/),
      expect.stringMatching(/^message templates: no heading names it/),
    ]);
  });

  test('a heading without text, or without what it must say, does not count', () => {
    const text = [
      '# Runbook',
      '## Who decides',
      '## Notify customers',
      'As soon as we can.',
      '## Alert channels',
      'E-mail to the on-call.',
      '## Message templates',
      'See the wiki.',
    ].join('\n');
    expect(problems(BREACH_RUNBOOK, text)).toEqual([
      'who decides: "Who decides" has no text',
      'who is notified and by when: "Notify customers" does not say a deadline (minutes, hours or days), who is notified',
    ]);
  });

  test('reads headings as CommonMark does: not inside fenced code, sub-sections part of their parent', () => {
    const sections = markdownSections('# T\n## A\ntext\n```\n## not a heading\n```\n### A.1\nmore\n## B\n');
    expect(sections.map((s) => [s.level, s.heading])).toEqual([
      [1, 'T'],
      [2, 'A'],
      [3, 'A.1'],
      [2, 'B'],
    ]);
    expect(sections[1].text).toBe('text\n```\n## not a heading\n```\nmore');
    expect(sections[3].text).toBe('');
  });

  test("PocketCITY's own copy weakens, a missing section fails, your complete copy proves", () => {
    const doc = { path: BREACH_RUNBOOK.path, location: 'x', present: true, sections: [{ name: 'channels' }] };
    expect(documentVerdict([{ ...doc, source: 'given' }])).toEqual({});
    expect(documentVerdict([{ ...doc, source: 'package default' }]).weakened).toMatch(
      /^judged on PocketCITY's own document, not yours: x/,
    );
    expect(
      documentVerdict([{ ...doc, source: 'given', sections: [{ name: 'channels', problem: 'no heading names it' }] }])
        .failing,
    ).toBe('x lacks "channels" (no heading names it)');
  });
});
