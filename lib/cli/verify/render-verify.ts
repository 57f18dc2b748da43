import { LIVE_FACTS } from '../../core/requirements/live-facts';
import { LiveFact } from './fact';
import { VerifiedClaim, VerifyReport } from './verify-report';

const cell = (s: string | number | undefined) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const row = (cells: readonly (string | number | undefined)[]) => `| ${cells.map(cell).join(' | ')} |`;

function factCounts(claim: VerifiedClaim, byId: ReadonlyMap<string, LiveFact>): string {
  const facts = claim.facts.map((id) => byId.get(id)).filter((f): f is LiveFact => f !== undefined);
  const n = (s: string) => facts.filter((f) => f.status === s).length;
  return `${facts.length} (${n('verified')} / ${n('failing')} / ${n('UNKNOWN')})`;
}

function oldest(claim: VerifiedClaim, byId: ReadonlyMap<string, LiveFact>): string {
  const times = claim.facts.flatMap((id) => byId.get(id)?.asOf ?? []).sort();
  return times[0] ?? '';
}

/**
 * The report in the look of the synth evidence (docs/evidence/security-evidence.md): a summary, one table row per
 * claim, then per claim its facts with the time each was observed and the time the account gives for it.
 */
export function renderVerifyMarkdown(report: VerifyReport): string {
  const byId = new Map(report.facts.map((f) => [f.id, f]));
  const count = (s: string) => report.claims.filter((c) => c.status === s).length;
  const lines = [
    `# Verified in the account: the claims of the security overview, read live`,
    '',
    `Read-only, by \`secure-platform verify\` from the synthesized templates of environment \`${report.environment}\`${report.account ? ` in account ${report.account}` : ''}, between ${report.startedAt} and ${report.finishedAt}. A claim is verified only when every fact it needs was read, is good, and is within its freshness window; a fact that could not be read makes it UNKNOWN, never verified.`,
    '',
    '| identity | |',
    '|---|---|',
    row(['environment', report.environment]),
    row(['account', report.account ?? 'not read (no usable credentials)']),
    row(['last verified in the account', report.finishedAt]),
    row(['result', report.verified ? 'every claim verified' : 'NOT every claim verified']),
    '',
    '## Summary',
    '',
    '| status | claims |',
    '|---|---|',
    ...(['verified', 'failing', 'UNKNOWN', 'organisational'] as const).map((s) => row([s, count(s)])),
    '',
    '| claim | status | facts (verified / failing / UNKNOWN) | oldest fact as of | why |',
    '|---|---|---|---|---|',
    ...report.claims.map((c) => row([`${c.id} ${c.title}`, c.status, factCounts(c, byId), oldest(c, byId), c.why])),
  ];
  for (const claim of report.claims) {
    if (claim.status === 'organisational') continue;
    lines.push('', `### ${claim.id}: ${claim.title} (${claim.status})`, '');
    lines.push(
      '| fact | region | subject | status | as of | age (h) | window (h) | observed at | detail |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const id of claim.facts) {
      const f = byId.get(id);
      if (f)
        lines.push(
          row([
            f.kind,
            f.region,
            f.subject,
            f.status,
            f.asOf,
            f.ageHours,
            f.maxAgeHours ?? 'none',
            f.observedAt,
            f.detail,
          ]),
        );
    }
  }
  const notRead = report.facts.filter((f) => f.status === 'UNKNOWN');
  lines.push('', '## What could not be read', '');
  if (notRead.length === 0) lines.push('Every fact was read.');
  else
    lines.push(
      '| fact | region | subject | why |',
      '|---|---|---|---|',
      ...notRead.map((f) => row([f.kind, f.region, f.subject, f.detail])),
    );
  lines.push(
    '',
    '## Freshness windows',
    '',
    '| fact | holds when | window (h) | why | read with |',
    '|---|---|---|---|---|',
  );
  for (const [kind, r] of Object.entries(LIVE_FACTS))
    lines.push(row([kind, r.holds, r.maxAgeHours ?? 'read now', r.window, r.calls.join(', ')]));
  return lines.join('\n') + '\n';
}

/** The terminal's view: one line per claim, and the verdict. */
export function renderVerifySummary(report: VerifyReport, files: readonly string[]): string {
  return [
    `Verify environment '${report.environment}'${report.account ? ` in account ${report.account}` : ''} (read-only)`,
    ...report.claims.map(
      (c) =>
        `  ${c.status.padEnd(14)} ${c.id} ${c.title}${c.status === 'verified' || c.status === 'organisational' ? '' : `: ${c.why}`}`,
    ),
    `Wrote ${files.join(', ')}`,
    report.verified ? 'Every claim verified in the account.' : 'NOT every claim verified in the account (exit 1).',
  ].join('\n');
}
