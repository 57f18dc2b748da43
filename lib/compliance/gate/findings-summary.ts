import * as path from 'path';
import { findingRule } from '../../core/acknowledge';
import { Defect } from './defects';

/** What an acknowledgment's reason must be replaced with, in the printed call. */
const REASON = 'why it does not apply or how it is mitigated, for an auditor';

/**
 * The summary the gate prints once per synth: one entry per open defect (the claim, the resource and the source line
 * that made it, what is wrong, the fix, and the acknowledgeFinding call that would accept it instead), then counts.
 */
export function formatSummary(defects: readonly Defect[], files: readonly string[]): string[] {
  const open = defects.filter((d) => !d.acknowledged);
  if (open.length === 0) return [];
  const findings = open.reduce((n, d) => n + d.findings.filter((f) => !f.acknowledged).length, 0);
  const packs = new Set(open.flatMap((d) => d.findings.map((f) => f.pluginName)));
  const acknowledged = defects.length - open.length;
  return [
    `Synth gate: ${count(open.length, 'defect')} to fix (${count(findings, 'finding')} of ${count(packs.size, 'pack')}` +
      `${acknowledged ? `; ${acknowledged} acknowledged, not listed` : ''}):`,
    ...open.flatMap(formatDefect),
    `${count(open.length, 'defect')}; the same list: ${files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}`,
  ];
}

function formatDefect(d: Defect): string[] {
  const source = d.source ? ` (${path.relative(process.cwd(), d.source.file)}:${d.source.line})` : '';
  const claims = d.claims.length ? `[${d.claims.join(', ')}] ` : '';
  return [
    `x ${claims}${d.where}${source}: ${d.what}`,
    ...(d.fix ? [`    fix: ${d.fix}`] : []),
    `    ${acknowledgeLine(d)}`,
  ];
}

/** The acknowledgeFinding call that accepts the defect, every rule it is reported under included. */
export function acknowledgeLine(d: Defect): string {
  if (d.unacknowledgeable) return 'cannot be acknowledged: the claims it backs stay unproven until it is fixed';
  const rules = [...new Set(d.findings.filter((f) => !f.acknowledged).map((f) => findingRule(f.ruleName)))];
  const claim = d.claim ? `'${d.claim}'` : "'<the claim it touches>'";
  const call =
    rules.length === 1
      ? `acknowledgeFinding(construct, { rule: '${rules[0]}', claim: ${claim}, reason: '${REASON}' })`
      : `acknowledgeFinding(construct, ...[${rules.map((r) => `'${r}'`).join(', ')}].map((rule) => ({ rule, claim: ${claim} as const, reason: '${REASON}' })))`;
  return `or acknowledge on ${d.where}: ${call}`;
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
