import type { VerifyReport } from '../../../core/requirements/verify-report-model';
import type { EvidenceReport } from '../evidence-model';
import { LiveVerification, liveVerification } from './live-verification';
import { PublicStatus, ProofCounts, TrustPageModel, trustPageModel, TrustPromise } from './trust-page-model';
import { TRUST_PAGE_CSS } from './trust-page-style';

export interface TrustPageOptions {
  /**
   * Where the page links to the full evidence report.
   * @default 'security-evidence.md' (the report beside the page in the evidence folder)
   */
  readonly reportHref?: string;
  /** @default 'Our security promises, verified' */
  readonly title?: string;
  /**
   * The report of `secure-platform verify` for one of the evidence's environments: each promise then shows when it
   * was last verified in the account and how it stood. A report of another environment is an error.
   * @default - the page says once that the promises are not yet verified in the account
   */
  readonly verifyReport?: VerifyReport;
}

/** The file name the evidence writes the page under, beside the report. */
export const TRUST_PAGE_FILE = 'trust-page.html';

const STATUS_LABEL: Record<PublicStatus, string> = {
  proven: 'Proven',
  exceeds: 'Exceeds the promise',
  weakened: 'Weakened',
  inherited: 'Inherited',
  organisational: 'Organisational',
  failing: 'Failing',
  'not verified': 'Not verified',
};

const STATUS_MEANING: Record<PublicStatus, string> = {
  proven: 'every automated check, path and permission behind the promise passes on the infrastructure as built.',
  exceeds: 'proven, and the platform does more than the page promises.',
  weakened: 'holds only at reduced strength, by an explicit choice the full report names with its reason.',
  inherited: 'made true by a provider (AWS, Stripe) under its shared responsibility; named here, not proven by us.',
  organisational: 'a promise about people and process, which infrastructure cannot prove; listed, never dropped.',
  failing: 'a check behind the promise fails on the infrastructure as built; the full report names it.',
  'not verified': 'no automated check proves the promise yet.',
};

/**
 * The public trust page: a static, self-contained HTML page (inline CSS, no script, no external fetch) with every
 * promise of the security page, its status, when it was last verified, what proves it in counts, and its framework
 * control ids. It names no resource, account or ARN: those stay in the full report it links to.
 */
export function renderTrustPage(report: EvidenceReport, options: TrustPageOptions = {}): string {
  const model = trustPageModel(report);
  const live = options.verifyReport ? liveVerification(report, options.verifyReport) : undefined;
  const title = options.title ?? 'Our security promises, verified';
  const reportHref = options.reportHref ?? 'security-evidence.md';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${TRUST_PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#promises">Skip to the promises</a>
<header>
<h1>${esc(title)}</h1>
<p>Each promise of our security page is checked automatically against the infrastructure it describes, every time
that infrastructure is built. Last verified ${timeElement(model.verifiedAt)}${environmentsText(model)}.</p>
<p class="live">${liveHeader(live, model)}</p>
</header>
<main>
${summary(model)}
<section aria-labelledby="promises">
<h2 id="promises">The promises</h2>
${model.groups.map((g, i) => group(g.sentence, g.promises, i, live)).join('\n')}
</section>
${legend()}
</main>
<footer>
<p><a href="${esc(reportHref)}">Read the full evidence report</a>: every resource, check, path and permission behind
these statuses, for auditors.</p>
<p>Generated from the evidence by ${esc(versionsText(model.versions))}.</p>
</footer>
</body>
</html>
`;
}

function summary(model: TrustPageModel): string {
  const promises = model.groups.flatMap((g) => g.promises);
  const counts = (Object.keys(STATUS_LABEL) as PublicStatus[])
    .map((s) => [s, promises.filter((p) => p.status === s).length] as const)
    .filter(([, n]) => n > 0);
  return `<section aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<ul class="summary">
${counts.map(([s, n]) => `<li><span class="badge ${cls(s)}">${STATUS_LABEL[s]}</span> ${plural(n, 'promise')}</li>`).join('\n')}
</ul>
</section>`;
}

function group(
  sentence: string,
  promises: readonly TrustPromise[],
  index: number,
  live: LiveVerification | undefined,
): string {
  const id = `promise-${index + 1}`;
  return `<article aria-labelledby="${id}">
<h3 id="${id}">“${esc(sentence)}”</h3>
${promises.map((p) => promise(p, live)).join('\n')}
</article>`;
}

function promise(p: TrustPromise, live: LiveVerification | undefined): string {
  const notes = [
    ...(p.exceeds ? [p.exceeds] : []),
    ...p.inheritedParts.map((t) => `Inherited: ${t}`),
    ...p.organisationalParts.map((t) => `Organisational: ${t}`),
  ];
  return `<section class="claim" id="claim-${esc(p.id)}" aria-labelledby="claim-${esc(p.id)}-title">
<h4 id="claim-${esc(p.id)}-title">${esc(p.title)} <span class="id">(${esc(p.id)})</span></h4>
<p><span class="badge ${cls(p.status)}">${STATUS_LABEL[p.status]}</span> ${esc(capitalise(STATUS_MEANING[p.status]))}</p>
${notes.map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
${livePromise(p, live)}
${proof(p.proof, p.status)}
${controls(p)}
</section>`;
}

/** The run of `verify` the page shows, or once that there is none: never per promise. */
function liveHeader(live: LiveVerification | undefined, model: TrustPageModel): string {
  if (!live) return 'Not yet verified in the account.';
  const where = model.environments.length > 1 ? ` (environment ${esc(live.environment)})` : '';
  return `Last verified in the account${where} ${timeElement(live.verifiedAt)}.`;
}

/** How `verify` last found the promise in the account: a time and a status word, never what it read. */
function livePromise(p: TrustPromise, live: LiveVerification | undefined): string {
  if (!live || p.status === 'organisational') return '';
  const found = live.promises.get(p.id);
  if (!found) return '<p class="live">Not read in the account by the last verification.</p>';
  return `<p class="live">Last verified in the account: ${timeElement(found.at)} — ${found.status}</p>`;
}

/** What proves a promise, in plain words and counts. */
function proof(c: ProofCounts, status: PublicStatus): string {
  if (status === 'organisational' || status === 'inherited') return '';
  const parts = [
    c.checks > 0
      ? `${plural(c.checks, 'automated check')} with ${plural(c.passedResults, 'passing result')}` +
        (c.failedResults ? ` and ${plural(c.failedResults, 'failing result')}` : '') +
        (c.resources ? ` on ${plural(c.resources, 'resource')}` : '')
      : undefined,
    c.paths > 0
      ? `${plural(c.paths, 'path')} (${c.pathKinds.join(', ')}) traced hop by hop as AWS evaluates them`
      : undefined,
    c.flows > 0
      ? `${plural(c.flows, 'access permission')} (${plural(c.requests, 'request')}) decided by an IAM policy engine`
      : undefined,
    c.documents > 0 ? `${plural(c.documents, 'published document')} checked` : undefined,
    c.continuousChecks > 0 ? `watched after deploy by ${plural(c.continuousChecks, 'AWS Config rule')}` : undefined,
    c.acknowledged > 0 ? `${plural(c.acknowledged, 'finding')} accepted with a documented reason` : undefined,
    c.optOuts > 0 ? `${plural(c.optOuts, 'explicit configuration choice')} weakening it` : undefined,
  ].filter((p): p is string => p !== undefined);
  if (parts.length === 0) return '';
  return `<p class="proof"><strong>What proves it:</strong> ${esc(parts.join('; '))}.</p>`;
}

function controls(p: TrustPromise): string {
  const mapped = p.controls.filter((c) => c.ids.length > 0);
  if (mapped.length === 0) return '';
  return `<dl class="controls" aria-label="Framework controls of ${esc(p.id)}">
${mapped.map((c) => `<dt>${esc(c.framework)}</dt><dd>${esc(c.ids.join(', '))}</dd>`).join('\n')}
</dl>`;
}

function legend(): string {
  return `<section aria-labelledby="legend">
<h2 id="legend">What the statuses mean</h2>
<dl class="legend">
${(Object.keys(STATUS_LABEL) as PublicStatus[])
  .map(
    (s) =>
      `<dt><span class="badge ${cls(s)}">${STATUS_LABEL[s]}</span></dt><dd>${esc(capitalise(STATUS_MEANING[s]))}</dd>`,
  )
  .join('\n')}
</dl>
</section>`;
}

/** `2026-12-06T21:13:10.743Z` as `6 December 2026, 21:13 UTC`, the same on every machine (no locale). */
function timeElement(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return esc(iso);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `<time datetime="${esc(iso)}">${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hm} UTC</time>`;
}

function environmentsText(model: TrustPageModel): string {
  if (model.environments.length <= 1) return '';
  return `, in ${model.environments.length} environments (${esc(model.environments.join(', '))}); each promise shows its weakest status among them`;
}

function versionsText(versions: Readonly<Record<string, string>>): string {
  return Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
}

function cls(status: PublicStatus): string {
  return `status-${status.replace(/ /g, '-')}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
