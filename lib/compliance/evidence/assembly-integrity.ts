import * as fs from 'fs';
import * as path from 'path';
import { CLAIMS } from '../../core/claims/register';
import { platformMetadataOf } from '../../core/platform-metadata';
import { unfinishedSynthProblem } from '../../core/synth-run';
import { claimsRuleName, GATE_RECORD_FILE, GateRecord, templateDigest } from '../gate/claims-plugin';
import { ALL_STOCK_PACKS } from '../gate/stock-packs';
import type { StackTemplate } from '../template/platform-assembly';
import type { JudgedResult } from './judge-checks';

/** What makes an assembly unfit to certify. `strictOnly` problems fail only `--strict`. */
export interface IntegrityProblem {
  readonly problem: string;
  readonly strictOnly?: boolean;
}

/** A stack no PlatformStage owns: nothing judged it, and it escapes every claim. */
export interface StrayStack {
  readonly stackName: string;
  readonly constructPath: string;
  readonly escapes: readonly string[];
}

/** The validation report CDK writes at the root of the assembly; without it nothing shows the packs ran. */
export function validationReportProblems(outdir: string): IntegrityProblem[] {
  const unfinished = unfinishedSynthProblem(outdir);
  return [
    ...(unfinished ? [{ problem: unfinished }] : []),
    ...(fs.existsSync(path.join(outdir, 'validation-report.json'))
      ? []
      : [{ problem: `no validation-report.json in ${outdir}: the packs' verdicts are missing; run 'npm run synth'` }]),
  ];
}

/**
 * The gate's record of one environment, held against the templates the evidence is about to certify: every
 * template judged, byte for byte; the same findings; every stock pack on.
 */
export function gateRecordProblems(
  environment: string,
  stacks: readonly StackTemplate[],
  failures: readonly JudgedResult[],
): IntegrityProblem[] {
  const dirs = [...new Set(stacks.map((s) => path.dirname(s.templatePath)))];
  return dirs.flatMap((dir): IntegrityProblem[] => {
    const file = path.join(dir, GATE_RECORD_FILE);
    if (!fs.existsSync(file)) {
      return [
        { problem: `environment ${environment}: ${file} is missing; the synth gate never judged these templates` },
      ];
    }
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as GateRecord;
    const problems: IntegrityProblem[] = [];
    const here = stacks.filter((s) => path.dirname(s.templatePath) === dir);
    for (const s of here) {
      const name = path.basename(s.templatePath);
      const judged = record.templates[name];
      if (judged === undefined)
        problems.push({ problem: `environment ${environment}: ${name} was not judged by the synth gate` });
      else if (judged !== templateDigest(s.templatePath))
        problems.push({
          problem: `environment ${environment}: ${name} changed after the synth gate judged it (stale or edited assembly)`,
        });
    }
    const mine = failures
      .filter((r) => r.status !== 'pass' && r.status !== 'weakened')
      .map((r) => `${claimsRuleName(r.checkId, r.finding)} ${r.resource?.logicalId ?? '-'}`)
      .sort();
    if (JSON.stringify(mine) !== JSON.stringify([...record.findings].sort()))
      problems.push({ problem: `environment ${environment}: the synth gate's findings differ from the evidence's` });
    const off = ALL_STOCK_PACKS.filter((p) => !record.stockPacks.includes(p));
    if (off.length)
      problems.push({
        problem: `environment ${environment}: judged with stock packs off: ${off.join(', ')}`,
        strictOnly: true,
      });
    return problems;
  });
}

/** Stacks without platform metadata: outside every PlatformStage, so outside every claim. */
export function strayStacks(stacks: readonly StackTemplate[]): StrayStack[] {
  const infrastructure = CLAIMS.filter((c) => c.kind === 'infrastructure').map((c) => c.id);
  return stacks
    .filter((s) => !platformMetadataOf(s.template))
    .map((s) => ({ stackName: s.stackName, constructPath: s.constructPath, escapes: infrastructure }));
}
