import { ClaimEvidence, EnvironmentEvidence, EvidenceReport } from './evidence-model';
import type { OptOutKey } from '../../core/opt-outs';
import { OPT_OUTS } from '../../core/opt-outs';

const STATUS_MARK: Record<string, string> = {
  proven: 'proven',
  'exceeds claim': 'exceeds claim',
  weakened: '**weakened**',
  inherited: 'inherited',
  organisational: 'organisational',
  FAILING: '**FAILING**',
  'not implemented': '*not implemented*',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const value = (v: unknown) => cell(typeof v === 'string' ? v : JSON.stringify(v));

/** The auditor's view: claim -> resources -> checks -> verdict, then every acknowledgment and opt-out. */
export function renderEvidenceMarkdown(report: EvidenceReport): string {
  const out: string[] = [`# ${report.title}`, ''];
  out.push(
    `Generated from the synthesized templates by \`npm run evidence\` with ${Object.entries(report.toolVersions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}. Every figure below was computed from \`cdk.out\`; nothing here is hand-written.`,
    '',
  );
  renderIdentity(out, report);
  if (report.integrity.length) {
    out.push('## This assembly cannot be certified', '');
    for (const p of report.integrity) out.push(`- ${p.problem}${p.strictOnly ? ' (fails --strict)' : ''}`);
    out.push('');
  }
  out.push('## Summary', '', '| status | claims |', '|---|---|');
  for (const [status, n] of Object.entries(report.summary.byStatus))
    out.push(`| ${STATUS_MARK[status] ?? status} | ${n} |`);
  out.push('', `Unacknowledged stock-pack violations: ${report.summary.unacknowledgedStockViolations}.`, '');
  for (const env of report.environments) renderEnvironment(out, env);
  renderStockPacks(out, report);
  renderAcknowledgments(out, report);
  return out.join('\n') + '\n';
}

/** Markers around what changes with every run (time, commit, digests); `--check-committed` compares outside them. */
export const IDENTITY_BEGIN = '<!-- identity:begin -->';
export const IDENTITY_END = '<!-- identity:end -->';

function renderIdentity(out: string[], report: EvidenceReport): void {
  const { identity } = report;
  out.push(IDENTITY_BEGIN, '', '| identity | |', '|---|---|', `| generated at | ${identity.generatedAt} |`);
  out.push(`| commit | ${identity.commit ?? 'not a git checkout'} |`);
  for (const [name, version] of Object.entries(identity.versions)) out.push(`| ${name} | ${version} |`);
  for (const env of report.environments) {
    out.push(
      `| \`${env.environment}\` account, regions | ${env.account ?? '?'}, ${env.primaryRegion ?? '?'} + ${env.recoveryRegion ?? '?'} |`,
    );
    out.push(`| \`${env.environment}\` config sha256 | ${env.configDigest ?? '?'} |`);
    out.push(`| \`${env.environment}\` dump key fingerprint | ${env.dumpKeyFingerprint ?? '?'} |`);
    for (const s of env.stacks) out.push(`| \`${env.environment}\` ${s.templateFile} sha256 | ${s.sha256 ?? '?'} |`);
  }
  for (const stray of report.strayStacks)
    out.push(
      `| stack outside every PlatformStage | ${stray.stackName} (${stray.constructPath}): escapes ${stray.escapes.join(', ')} |`,
    );
  out.push('', IDENTITY_END, '');
}

function renderEnvironment(out: string[], env: EnvironmentEvidence): void {
  out.push(`## Environment \`${env.environment}\``, '');
  out.push(`Primary region ${env.primaryRegion ?? '?'}, recovery region ${env.recoveryRegion ?? '?'}.`, '');
  out.push('| stack | template | region | resources |', '|---|---|---|---|');
  for (const s of env.stacks) out.push(`| ${s.stackName} | ${s.templateFile} | ${s.region ?? '?'} | ${s.resources} |`);
  out.push('');
  const optOuts = Object.entries(env.optOuts).filter(([, v]) => v !== undefined && v !== false);
  out.push(
    optOuts.length
      ? `Opt-outs from the secure defaults: ${optOuts.map(([k, v]) => `\`${OPT_OUTS[k as OptOutKey]?.configPath ?? `optOuts.${k}`} = ${JSON.stringify(v)}\``).join(', ')}.`
      : 'Opt-outs from the secure defaults: none.',
    '',
  );
  out.push(
    '| claim | status | checks (pass / fail / acknowledged results) | resources | why |',
    '|---|---|---|---|---|',
  );
  for (const c of env.claims) {
    const passed = c.checks.reduce((n, k) => n + k.passed, 0);
    const failed = c.checks.reduce((n, k) => n + k.failed, 0);
    const acked = c.checks.reduce((n, k) => n + k.acknowledged, 0);
    out.push(
      `| ${c.id} ${cell(c.title)} | ${STATUS_MARK[c.status]} | ${c.checks.length} (${passed} / ${failed} / ${acked}) | ${c.resources.length} | ${cell(c.statusReason)} |`,
    );
  }
  out.push('');
  renderRedundancy(out, env);
  for (const c of env.claims) renderClaim(out, c);
}

function renderRedundancy(out: string[], env: EnvironmentEvidence): void {
  out.push('### Redundancy analysis (HA-1)', '');
  out.push(
    'Computed from the templates: what each tier spans, and whether it keeps serving after losing any one zone or any two of its instances.',
    '',
  );
  out.push(
    '| tier | regions | zones | instances | one zone lost | two instances lost | reasoning |',
    '|---|---|---|---|---|---|---|',
  );
  const yes = (b: boolean) => (b ? 'serves' : '**stops**');
  for (const t of env.redundancy) {
    out.push(
      `| ${t.tier} | ${t.regions.join(', ')} | ${t.zones.join(', ') || '(regional service)'} | ${t.instances} | ${yes(t.survivesZoneLoss)} | ${yes(t.survivesTwoInstanceLoss)} | ${cell(t.reasoning)} |`,
    );
  }
  out.push('');
}

function renderClaim(out: string[], c: ClaimEvidence): void {
  out.push(`### ${c.id}: ${c.title} (${STATUS_MARK[c.status]})`, '');
  out.push(`> ${c.seedSentence}`, '');
  out.push(`Kind: ${c.kind}. True when: ${c.trueWhen}.`, '');
  out.push(`Verdict: ${STATUS_MARK[c.status]}: ${c.statusReason}.`, '');
  if (c.exceeds) out.push(`Exceeds the claim: ${c.exceeds}`, '');
  for (const p of c.inheritedParts) out.push(`- Inherited: ${p}`);
  for (const p of c.organisationalParts) out.push(`- Organisational, not provable by infrastructure: ${p}`);
  for (const d of c.documents)
    out.push(
      `- Document: \`${d.path}\` (${d.source} copy \`${d.location}\`: ${d.present ? 'present' : '**missing**'})`,
    );
  for (const o of c.optOuts) out.push(`- Weakened by opt-out: ${o}`);
  const regions = (r: (typeof c.continuousChecks)[number]) => r.region ?? '?';
  const watching = [...new Set(c.continuousChecks.map((r) => r.identifier))];
  if (watching.length)
    out.push(
      `- Kept watching after deploy by AWS Config: ${watching
        .map(
          (id) =>
            `\`${id}\` (${[...new Set(c.continuousChecks.filter((r) => r.identifier === id).map(regions))].join(', ')})`,
        )
        .join(', ')}`,
    );
  if (c.inheritedParts.length + c.organisationalParts.length + c.documents.length + c.optOuts.length) out.push('');
  if (c.checks.length) {
    out.push('| check | pass | fail | ack | proves |', '|---|---|---|---|---|');
    for (const k of c.checks)
      out.push(`| ${k.id} | ${k.passed} | ${k.failed} | ${k.acknowledged} | ${cell(k.description)} |`);
    out.push('');
    const failures = c.checks.flatMap((k) => k.failures.map((f) => `- ${k.id}: ${f}`));
    if (failures.length) out.push('Failures:', '', ...failures, '');
    const weakenings = c.checks.flatMap((k) => k.weakenings.map((f) => `- ${k.id}: ${f}`));
    if (weakenings.length) out.push('Weakened by opt-out:', '', ...weakenings, '');
    const passes = c.checks.flatMap((k) => (k.passes ?? []).map((f) => `- ${k.id}: ${f}`));
    if (passes.length) out.push('Flows evaluated by the IAM policy engine:', '', ...passes, '');
  }
  renderPaths(out, c);
  if (c.resources.length) {
    out.push('| resource | type | region | values that make it true |', '|---|---|---|---|');
    for (const r of c.resources) {
      const props = Object.entries(r.properties)
        .map(([k, v]) => `${k}=${value(v)}`)
        .join('; ');
      out.push(
        `| ${r.stackName}/${r.logicalId} | ${r.type} | ${r.region ?? '?'} | ${props || cell(r.checks.join(', '))} |`,
      );
    }
    out.push('');
  }
  if (c.acknowledgments.length) {
    out.push('Acknowledged findings:', '');
    for (const a of c.acknowledgments)
      out.push(`- ${a.rule} (${a.pack}) on ${a.resources.length} resource(s): ${a.reason}`);
    out.push('');
  }
}

/** The claim's paths, one row each: the subject, the verdict, and the hops in order with their verdicts. */
function renderPaths(out: string[], c: ClaimEvidence): void {
  if (c.paths.length === 0) return;
  out.push(
    'Paths evaluated hop by hop (required: open through every hop; forbidden: closed by at least one):',
    '',
    '| path | kind | expected | verdict | hops (in order; ✗ blocks) |',
    '|---|---|---|---|---|',
  );
  for (const p of c.paths) {
    const verdict = p.holds ? 'holds' : '**FAILS**';
    const hops = p.problem
      ? `not evaluated: ${p.problem}`
      : p.hops
          .map((h) => `${h.verdict === 'pass' ? '✓' : '✗'} ${h.hop}${h.resource ? ` (${h.resource})` : ''}`)
          .join(' → ');
    out.push(`| ${p.id}: ${cell(p.subject)} | ${p.kind} | ${p.expectation} | ${verdict} | ${cell(hops)} |`);
  }
  out.push('');
}

function renderStockPacks(out: string[], report: EvidenceReport): void {
  out.push('## Packs run at synth', '', '| pack | conclusion | unacknowledged | acknowledged |', '|---|---|---|---|');
  for (const p of report.stockPacks)
    out.push(`| ${p.pack} | ${p.conclusion} | ${p.unacknowledgedViolations} | ${p.acknowledgedFindings} |`);
  if (report.stockPacks.length === 0) out.push('| (no validation-report.json in the assembly) | | | |');
  out.push('');
}

function renderAcknowledgments(out: string[], report: EvidenceReport): void {
  out.push('## Every acknowledgment, by claim and pack', '');
  if (report.acknowledgments.length === 0) {
    out.push('None.', '');
    return;
  }
  const sorted = [...report.acknowledgments].sort((a, b) =>
    `${a.claim ?? '~'} ${a.pack} ${a.rule}`.localeCompare(`${b.claim ?? '~'} ${b.pack} ${b.rule}`),
  );
  out.push('| claim | pack | finding | resources | reason |', '|---|---|---|---|---|');
  for (const a of sorted) {
    out.push(
      `| ${a.claim ?? '(none)'} | ${a.pack} | ${a.rule} | ${cell(a.resources.join(', '))} | ${cell(a.reason)} |`,
    );
  }
  out.push('');
}
