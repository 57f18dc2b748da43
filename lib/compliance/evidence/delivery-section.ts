import {
  DeliveryMetadata,
  deliveryMetadataOf,
  REQUIRED_POST_GATES,
  REQUIRED_SYNTH_GATES,
} from '../../core/delivery-metadata';
import { PlatformAssembly } from '../template/platform-assembly';

/** One delivery pipeline of the assembly, as its stack recorded it (DeliveryPipeline writes the metadata). */
export interface DeliveryEvidence {
  readonly stackName: string;
  readonly record: DeliveryMetadata;
  /**
   * Every deploy without its gates: what the pipeline recorded, and what this reading finds missing in the
   * record itself (a stage without smoke or verify, a synth step without the tests or the strict evidence).
   */
  readonly findings: readonly string[];
}

/** Every delivery pipeline recorded in the assembly, with its findings. */
export function deliveryEvidence(assembly: PlatformAssembly): DeliveryEvidence[] {
  return assembly.stacks.flatMap((stack) => {
    const record = deliveryMetadataOf(stack.template);
    if (!record) return [];
    const findings = new Set(record.problems);
    for (const gate of REQUIRED_SYNTH_GATES) {
      if (!record.synthGates.includes(gate)) findings.add(`the synth step does not run the ${gate} gate`);
    }
    for (const stage of record.stages) {
      for (const gate of REQUIRED_POST_GATES) {
        if (!stage.postGates.includes(gate))
          findings.add(`environment '${stage.environment}' (wave '${stage.wave}') deploys without the ${gate} step`);
      }
    }
    return [{ stackName: stack.stackName, record, findings: [...findings] }];
  });
}

/**
 * The stacks of every delivery pipeline (its own and its cross-region support stacks): outside every PlatformStage
 * on purpose, so the strict evidence does not fail on them (they are still listed as covered by no claim).
 */
export function deliveryStackNames(assembly: PlatformAssembly): Set<string> {
  return new Set(
    assembly.stacks.flatMap((s) => {
      const record = deliveryMetadataOf(s.template);
      return record ? [s.stackName, ...(record.supportStacks ?? [])] : [];
    }),
  );
}

/**
 * The "Delivery" section of the evidence report, in markdown: which environments each pipeline deploys, in which
 * waves and accounts, and which gates run before and after each deploy. Empty when the assembly has no pipeline.
 */
export function renderDeliverySection(evidence: readonly DeliveryEvidence[]): string[] {
  if (evidence.length === 0) return [];
  const lines = ['## Delivery', ''];
  for (const { stackName, record, findings } of evidence) {
    lines.push(
      `Pipeline stack \`${stackName}\` (account ${record.pipelineAccount}, ${record.pipelineRegion}) builds ` +
        `\`${record.source}\`. Before any deploy its synth step runs: ${record.synthGates.join(', ')}.`,
      '',
      '| Wave | Environment | Account | Before the deploy | Stacks, in deploy order | After the deploy |',
      '|---|---|---|---|---|---|',
    );
    for (const stage of record.stages) {
      const before = ['synth step gates', ...(stage.approval ? ['manual approval'] : [])].join(', ');
      lines.push(
        `| ${stage.wave} | ${stage.environment} | ${stage.account} | ${before} | ${stage.stacks.join(', ')} | ` +
          `${stage.postGates.join(', ') || '**none**'} |`,
      );
    }
    lines.push('');
    lines.push(
      findings.length === 0
        ? 'Every deploy runs behind the gates: a failing gate stops the pipeline before the next wave.'
        : `**Findings:** ${findings.map((f) => `${f}.`).join(' ')}`,
    );
    lines.push('');
  }
  return lines;
}
