import type { PathRecord } from './path-record';

/** One line for a path's result: its id, environment, subject, verdict, and the hop that decided it. */
export function describePath(p: PathRecord): string {
  const head = `${p.expectation} ${p.kind} path ${p.id} (${p.environment}): ${p.subject}`;
  if (p.problem) return `${head}: not evaluated (${p.problem}), so it does not hold`;
  const blocked = p.hops.find((h) => h.verdict === 'block');
  const at = (h: PathRecord['hops'][number]) =>
    `${h.hop}${h.resource ? ` at ${h.resource.stackName}/${h.resource.logicalId}` : ''}: ${h.detail}`;
  if (p.expectation === 'required') {
    return p.holds ? `${head}: open through ${p.hops.length} hops` : `${head}: BROKEN at ${at(blocked!)}`;
  }
  return p.holds
    ? `${head}: closed at ${at(blocked!)}`
    : `${head}: OPEN, nothing on its ${p.hops.length} hops blocks it`;
}
