import { PostGate, REQUIRED_POST_GATES, REQUIRED_SYNTH_GATES, SynthGate } from '../core/delivery-metadata';

/**
 * What each synth command is, by what it runs: the gates are recognised in the commands the pipeline really runs,
 * so a team that replaces the commands keeps the gates only by keeping such commands.
 */
const SYNTH_GATE_PATTERNS: Readonly<Record<SynthGate, RegExp>> = {
  install: /\b(npm (ci|install)|yarn install|pnpm install)\b/,
  tests: /\b(npm (run )?test|yarn test|pnpm test|npx jest|jest)\b/,
  synth: /\b(cdk synth|npm run synth)\b/,
  'strict-evidence': /\bevidence\b.*\s--strict\b/,
};

/** The gates a list of synth commands runs, each at the index of the first command that runs it. */
export function synthGatesOf(commands: readonly string[]): Map<SynthGate, number> {
  const found = new Map<SynthGate, number>();
  commands.forEach((command, i) => {
    for (const gate of REQUIRED_SYNTH_GATES) {
      if (!found.has(gate) && SYNTH_GATE_PATTERNS[gate].test(command)) found.set(gate, i);
    }
  });
  return found;
}

/**
 * What is wrong with the synth step's commands: a gate missing, or one running before what it judges (the strict
 * evidence judges the synthesized assembly, so it runs after the synth; the tests run before either).
 */
export function synthGateProblems(commands: readonly string[]): string[] {
  const found = synthGatesOf(commands);
  const problems = REQUIRED_SYNTH_GATES.filter((g) => !found.has(g)).map(
    (g) => `the synth step does not run the ${g === 'strict-evidence' ? 'strict evidence' : g}`,
  );
  const at = (g: SynthGate) => found.get(g) ?? -1;
  if (found.has('tests') && found.has('synth') && at('tests') > at('synth'))
    problems.push('the synth step runs the tests after the synth');
  if (found.has('strict-evidence') && found.has('synth') && at('strict-evidence') < at('synth'))
    problems.push('the synth step runs the strict evidence before the synth it judges');
  return problems;
}

/** The fields of a CodePipeline action the gate check reads (`IAction.actionProperties`). */
export interface PipelineActionShape {
  readonly actionName: string;
  readonly category: string;
  readonly provider: string;
  readonly runOrder?: number;
}

/** A stage of the built CodePipeline. */
export interface PipelineStageShape {
  readonly stageName: string;
  readonly actions: readonly PipelineActionShape[];
}

/** The post-deploy gate an action runs, by the name DeliveryPipeline gives its steps (`Smoke`, `<stage>.Verify`). */
export function postGateOf(actionName: string): PostGate | undefined {
  return REQUIRED_POST_GATES.find((g) => new RegExp(`(^|\\.)${g}$`, 'i').test(actionName));
}

const isDeploy = (a: PipelineActionShape) => a.category === 'Deploy' && a.provider === 'CloudFormation';

/**
 * Every stage of the built pipeline that deploys a stack must run the smoke checks and the verification after its
 * last deploy action: a deploy without them is a finding, whoever added the stage.
 */
export function builtPipelineGateProblems(stages: readonly PipelineStageShape[]): string[] {
  const problems: string[] = [];
  for (const stage of stages) {
    const deploys = stage.actions.filter(isDeploy);
    if (deploys.length === 0) continue;
    const lastDeploy = Math.max(...deploys.map((a) => a.runOrder ?? 1));
    for (const gate of REQUIRED_POST_GATES) {
      const runs = stage.actions.filter((a) => postGateOf(a.actionName) === gate);
      if (runs.length === 0) {
        problems.push(
          `pipeline stage '${stage.stageName}' deploys ${deploys.map((a) => a.actionName).join(', ')} without the ${gate} step`,
        );
      } else if (runs.some((a) => (a.runOrder ?? 1) <= lastDeploy)) {
        problems.push(`pipeline stage '${stage.stageName}' runs the ${gate} step before its last deploy`);
      }
    }
  }
  return problems;
}
