import type { OptOutKey } from '../../../core/opt-outs';
import { OPT_OUTS } from '../../../core/opt-outs';
import type { EnvironmentEvidence } from '../evidence-model';
import { MarkdownDocument } from './markdown';

/** The environment's stacks, its opt-outs from the secure defaults and HA-1's redundancy analysis. */
export function renderEnvironment(doc: MarkdownDocument, env: EnvironmentEvidence): void {
  doc.heading(2, `Environment \`${env.environment}\``);
  doc.paragraph(`Primary region ${env.primaryRegion ?? '?'}, recovery region ${env.recoveryRegion ?? '?'}.`);
  doc.table(
    ['stack', 'template', 'region', 'resources'],
    env.stacks.map((s) => [s.stackName, s.templateFile, s.region ?? '?', String(s.resources)]),
  );
  const optOuts = Object.entries(env.optOuts).filter(([, v]) => v !== undefined && v !== false);
  doc.paragraph(
    optOuts.length
      ? `Opt-outs from the secure defaults: ${optOuts.map(([k, v]) => `\`${OPT_OUTS[k as OptOutKey]?.configPath ?? `optOuts.${k}`} = ${JSON.stringify(v)}\``).join(', ')}.`
      : 'Opt-outs from the secure defaults: none.',
  );
  doc.heading(3, 'Redundancy analysis (HA-1)');
  doc.paragraph(
    'Computed from the templates: what each tier spans, and whether it keeps serving after losing any one zone or any two of its instances.',
  );
  const serves = (b: boolean) => (b ? 'serves' : '**stops**');
  doc.table(
    ['tier', 'regions', 'zones', 'instances', 'one zone lost', 'two instances lost', 'reasoning'],
    env.redundancy.map((t) => [
      t.tier,
      t.regions.join(', '),
      t.zones.join(', ') || '(regional service)',
      String(t.instances),
      serves(t.survivesZoneLoss),
      serves(t.survivesTwoInstanceLoss),
      t.reasoning,
    ]),
  );
}
