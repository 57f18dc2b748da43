import * as fs from 'fs';
import * as path from 'path';
import {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  Stage,
  Validations,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { markSynthJudged } from '../../core/synth-run';
import { ConstructLocator } from './construct-locator';
import { groupDefects } from './defects';
import { toSarif } from './findings-sarif';
import { formatSummary } from './findings-summary';
import { takeGateFindings } from './gate-findings';

/** Written beside CDK's validation-report.json: the summary as text, and as SARIF 2.1.0 for code-scanning tools. */
export const FINDINGS_TEXT_FILE = 'claims-findings.txt';
export const FINDINGS_SARIF_FILE = 'claims-findings.sarif';

/**
 * Prints the synth gate's findings once per synth, one entry per defect across packs and stages, and writes them
 * beside the validation report. Registered on the app, so CDK runs it after every stage's plugins; it reports nothing
 * itself (the packs' reports fail synth), so CDK's report and the evidence are unchanged.
 */
export class FindingsSummaryPlugin implements IPolicyValidationPlugin {
  readonly name = 'Claims findings summary';

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const root = context.appConstruct;
    const findings = takeGateFindings(root);
    if (findings && Stage.isStage(root)) {
      const defects = groupDefects(findings, new ConstructLocator(root));
      const files = [path.join(root.outdir, FINDINGS_TEXT_FILE), path.join(root.outdir, FINDINGS_SARIF_FILE)];
      const lines = formatSummary(defects, files);
      fs.writeFileSync(files[0], lines.length ? `${lines.join('\n')}\n` : 'Synth gate: no open defects.\n');
      fs.writeFileSync(files[1], JSON.stringify(toSarif(defects, process.cwd()), null, 2));
      if (lines.length) process.stderr.write(`\n${lines.join('\n')}\n\n`);
      markSynthJudged(root.outdir);
    }
    return { success: true, violations: [] };
  }
}

const registered = new WeakSet<IConstruct>();

/** Registers the summary on the app of `scope`, once however many stages register the gate. */
export function addFindingsSummary(scope: IConstruct): void {
  const app = scope.node.root;
  if (registered.has(app)) return;
  registered.add(app);
  Validations.of(app).addPlugins(new FindingsSummaryPlugin());
}
