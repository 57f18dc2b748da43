import type { FlowVerdict, RequestVerdict } from './evaluate-flows';
import type { FlowRequest } from './flow-requests';

/** Context keys every request of a principal carries (who is calling), left out of what results show. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set([
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:RequestedRegion',
  'kms:CallerAccount',
  'aws:PrincipalServiceName',
]);

/** The request's context keys that matter to a reader: the flow's own and the transport's. */
export function shownContext(q: FlowRequest): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(q.context).filter(([k]) => !IDENTITY_KEYS.has(k)));
}

/** A request in words: who, what, on what, in which region, with which context keys that matter. */
export function describeRequest(r: RequestVerdict): string {
  const q = r.request;
  const keys = Object.entries(shownContext(q)).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`);
  return `${q.principal.label} ${q.action} on ${q.resourceLabel} (${q.resourceArn}) in ${q.region}${keys.length ? ` [${keys.join(', ')}]` : ''}`;
}

function decidedBy(r: RequestVerdict): string {
  if (r.decision === 'Error') return `not evaluated: ${r.error}`;
  const statements = r.decisive.map((d) => `${d.effect} ${d.label}`);
  const core = r.coreKeys?.length ? ` (${r.coreKeys.join(', ')} evaluated by the engine's core)` : '';
  if (statements.length) return `${r.decision}, decided by ${statements.join('; ')}${core}`;
  return r.decision === 'ImplicitlyDenied' ? `ImplicitlyDenied: no statement allows it${core}` : r.decision;
}

/** One result line for a flow: its verdict, and the requests that break it (or, when it holds, what decided). */
export function describeVerdict(v: FlowVerdict): string {
  const head = `flow ${v.flow.id} (${v.kind}, ${v.environment}): ${v.flow.description}`;
  if (v.problem) return `${head}: NOT PROVEN: ${v.problem}`;
  const broken = v.requests.filter((r) =>
    v.kind === 'required' ? r.decision !== 'Allowed' : r.decision === 'Allowed' || r.decision === 'Error',
  );
  if (broken.length) {
    const what = v.kind === 'required' ? 'not allowed' : 'not denied';
    return `${head}: ${broken.length} of ${v.requests.length} requests ${what}: ${broken.map((r) => `${describeRequest(r)}: ${decidedBy(r)}`).join(' | ')}`;
  }
  const shown = v.requests.slice(0, 3).map((r) => `${describeRequest(r)}: ${decidedBy(r)}`);
  const more =
    v.requests.length > shown.length
      ? ` | and ${v.requests.length - shown.length} more requests, all ${v.kind === 'required' ? 'allowed' : 'denied'}`
      : '';
  return `${head}: all ${v.requests.length} requests ${v.kind === 'required' ? 'allowed' : 'denied'}: ${shown.join(' | ')}${more}`;
}
