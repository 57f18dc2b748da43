import { Lazy, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
import type { ResolvedPlatformConfig } from '../config/resolve-config';
import {
  DELIVERY_METADATA_KEY,
  DeliveredStageRecord,
  DeliveryMetadata,
  PostGate,
  REQUIRED_POST_GATES,
  REQUIRED_SYNTH_GATES,
} from '../core/delivery-metadata';
import { PlatformConstructError } from '../core/errors';
import { builtPipelineGateProblems, postGateOf, synthGateProblems, synthGatesOf } from './delivery-gates';
import { postDeploySteps } from './post-deploy-steps';
import { acknowledgePipelineFindings } from './private/pipeline-acknowledgments';

/** One environment the pipeline deploys: a stage whose stacks carry their account and region (a PlatformStage). */
export interface DeliveredStage {
  readonly stage: Stage;
  /** Its resolved config: the environment, domain, account and recovery region its gates check. */
  readonly config: ResolvedPlatformConfig;
}

/** Environments deployed side by side, after the wave before. */
export interface DeliveryWave {
  /** The pipeline stage's name, for example `production`. */
  readonly name: string;
  /** Wait for a person's approval before this wave deploys. @default false */
  readonly approval?: boolean;
  readonly stages: readonly DeliveredStage[];
}

export interface DeliveryPipelineProps {
  /** ARN of the CodeConnections connection to the repository host, in the pipeline's account. */
  readonly connectionArn: string;
  /** `owner/name` of the repository. */
  readonly repository: string;
  /** The branch every run builds. */
  readonly branch: string;
  /** The waves, deployed in order; every stage of every wave gets the smoke and verify steps. */
  readonly waves: readonly DeliveryWave[];
  /**
   * The synth step's commands, run in the repository before any deploy. They must install, run the tests, synthesize
   * the pipeline app into `cdk.out` and then run the strict evidence on it (`evidence ... --strict`), in that order:
   * anything less is refused.
   * @default ['npm ci', 'npm test', 'npx cdk synth --quiet', 'npx secure-platform evidence --strict']
   */
  readonly synthCommands?: readonly string[];
  /**
   * How the post-deploy steps run `secure-platform` in the repository.
   * @default 'npx secure-platform'
   */
  readonly cli?: string;
  /**
   * Commands that install the CLI's dependencies in the post-deploy steps.
   * @default ['npm ci']
   */
  readonly installCommands?: readonly string[];
  /**
   * The qualifier the target accounts were bootstrapped with (`cdk bootstrap --qualifier`).
   * @default 'hnb659fds' (the CDK default)
   */
  readonly bootstrapQualifier?: string;
}

/** What CDK Pipelines' feature flags should be for a pipeline that deploys into other accounts. */
const PIPELINE_FLAGS = [
  // No account root in the trust policies of the stage, asset and cross-account action roles.
  '@aws-cdk/pipelines:reduceStageRoleTrustScope',
  '@aws-cdk/pipelines:reduceAssetRoleTrustScope',
  '@aws-cdk/pipelines:reduceCrossAccountActionRoleTrustScope',
];

export const DEFAULT_SYNTH_COMMANDS: readonly string[] = [
  'npm ci',
  'npm test',
  'npx cdk synth --quiet',
  'npx secure-platform evidence --strict',
];

/**
 * The platform's delivery: CDK Pipelines on CodePipeline V2 and CodeBuild. The source comes from a CodeConnections
 * connection; the synth step runs the tests, the synth and the strict evidence (the whole `cdk.out`, evidence
 * included, is kept as the run's artifact); then each wave deploys its environments, every stack in its own account
 * and region in dependency order, after a manual approval where asked; after each environment its smoke and verify
 * steps run, and a failing one stops the pipeline. A deploy without those gates fails synth.
 */
export class DeliveryPipeline extends Construct {
  /** The CDK Pipelines pipeline (built: add no stage to it). */
  readonly pipeline: pipelines.CodePipeline;
  /** The CodePipeline it built. */
  readonly codePipeline: codepipeline.Pipeline;
  readonly synthStep: pipelines.ShellStep;
  private readonly props: DeliveryPipelineProps;

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    super(scope, id);
    this.props = props;
    for (const flag of PIPELINE_FLAGS) {
      if (this.node.tryGetContext(flag) === undefined) this.node.setContext(flag, true);
    }
    const synthCommands = props.synthCommands ?? DEFAULT_SYNTH_COMMANDS;
    const synthProblems = synthGateProblems(synthCommands);
    if (synthProblems.length) {
      throw new PlatformConstructError({
        code: 'DeliveryPipeline.synthCommands',
        scope: this,
        setting: 'synthCommands',
        value: synthCommands,
        problem: synthProblems.join('; '),
        fix:
          "install, run the tests, synthesize, then run 'secure-platform evidence --strict' (in that order), as " +
          'the default does; a deploy must never follow an unjudged synth',
      });
    }
    if (props.waves.length === 0 || props.waves.some((w) => w.stages.length === 0)) {
      throw new PlatformConstructError({
        code: 'DeliveryPipeline.waves',
        scope: this,
        setting: 'waves',
        value: props.waves.map((w) => `${w.name}: ${w.stages.length} stages`),
        problem: 'a pipeline needs at least one wave and every wave at least one stage',
        fix: 'list the environments each wave deploys',
      });
    }

    const source = pipelines.CodePipelineSource.connection(props.repository, props.branch, {
      connectionArn: props.connectionArn,
      // Full clone: the evidence names the commit it certifies.
      codeBuildCloneOutput: true,
    });
    this.synthStep = new pipelines.ShellStep('Synth', {
      input: source,
      commands: [...synthCommands],
      // The whole assembly, the evidence folder inside it, is this run's artifact.
      primaryOutputDirectory: 'cdk.out',
    });
    this.pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      synth: this.synthStep,
      pipelineType: codepipeline.PipelineType.V2,
      // A customer managed key on the artifacts (rotating) even in one account: cross-account deploys need it, and
      // without it CodeBuild and the artifact buckets fall back to AWS managed keys, which the stock packs refuse
      // (AwsSolutions-CB4, the NIST, HIPAA and PCI KMS rules).
      crossAccountKeys: true,
      enableKeyRotation: true,
      useChangeSets: true,
      // One publishing project per asset type instead of one per asset: fewer projects and roles to judge.
      publishAssetsInParallel: false,
    });
    for (const wave of props.waves) {
      const pipelineWave = this.pipeline.addWave(wave.name, {
        pre: wave.approval ? [new pipelines.ManualApprovalStep(`Approve-${wave.name}`)] : [],
      });
      for (const delivered of wave.stages) {
        const { smoke, verify } = postDeploySteps(delivered.config, {
          source,
          assembly: this.synthStep,
          installCommands: props.installCommands ?? ['npm ci'],
          cli: props.cli ?? 'npx secure-platform',
          bootstrapQualifier: props.bootstrapQualifier ?? 'hnb659fds',
        });
        pipelineWave.addStage(delivered.stage, { post: [smoke, verify] });
      }
    }
    this.pipeline.buildPipeline();
    this.codePipeline = this.pipeline.pipeline;

    const supportStacks = this.supportStacks;
    acknowledgePipelineFindings(this, [
      this.codePipeline.artifactBucket,
      ...Object.values(this.codePipeline.crossRegionSupport)
        .filter((s) => s.stack !== Stack.of(this))
        .map((s) => s.replicationBucket),
    ]);
    for (const support of supportStacks) acknowledgePipelineFindings(support, []);
    for (const stack of [Stack.of(this), ...supportStacks]) {
      // The stray-stack gate (ClaimsStacks) fails any stack outside a PlatformStage: the pipeline is one on purpose.
      Validations.of(stack).acknowledge({
        id: 'ClaimsStacks::StackOutsidePlatformStage',
        reason:
          'the delivery pipeline and its cross-region artifact buckets deploy the platform; they hold no customer ' +
          'data, are judged by the stock packs and recorded in the evidence under Delivery',
      });
    }
    const stack = Stack.of(this);
    stack.templateOptions.metadata = {
      ...stack.templateOptions.metadata,
      [DELIVERY_METADATA_KEY]: Lazy.any({ produce: () => this.deliveryRecord() }),
    };
    this.node.addValidation({ validate: () => this.gateProblems() });
  }

  /** The stacks CDK Pipelines added for the artifact buckets of the other regions it deploys to. */
  get supportStacks(): Stack[] {
    const own = Stack.of(this);
    return Object.values(this.codePipeline.crossRegionSupport)
      .map((s) => s.stack)
      .filter((s) => s !== own);
  }

  /** Every deploy without its gates: a stage without the smoke or verify step, and the synth step's gaps. */
  gateProblems(): string[] {
    const stages = this.codePipeline.stages.map((s) => ({
      stageName: s.stageName,
      actions: s.actions.map((a) => a.actionProperties),
    }));
    const perEnvironment = this.pipeline.waves.flatMap((wave) =>
      wave.stages.flatMap((stage) => {
        const gates = postGatesOf(stage);
        return REQUIRED_POST_GATES.filter((g) => !gates.includes(g)).map(
          (g) => `environment '${stage.stageName}' (wave '${wave.id}') deploys without the ${g} step`,
        );
      }),
    );
    return [...synthGateProblems(this.synthStep.commands), ...perEnvironment, ...builtPipelineGateProblems(stages)];
  }

  /** What the evidence says about delivery: the waves, their environments and stacks, the gates around each. */
  private deliveryRecord(): DeliveryMetadata {
    const stack = Stack.of(this);
    const stages: DeliveredStageRecord[] = this.pipeline.waves.flatMap((wave) => {
      const declared = this.props.waves.find((w) => w.name === wave.id);
      return wave.stages.map((stage) => ({
        wave: wave.id,
        environment: stage.stageName,
        account: stage.stacks[0]?.account ?? '',
        stacks: deployOrder(stage.stacks).map((s) => `${s.stackName} (${s.region ?? stack.region})`),
        approval: declared?.approval ?? false,
        postGates: postGatesOf(stage),
      }));
    });
    return {
      pipelineAccount: stack.account,
      pipelineRegion: stack.region,
      source: `${this.props.repository}@${this.props.branch}`,
      supportStacks: this.supportStacks.map((s) => s.stackName),
      synthGates: REQUIRED_SYNTH_GATES.filter((g) => synthGatesOf(this.synthStep.commands).has(g)),
      stages,
      problems: this.gateProblems(),
    };
  }
}

/** The post-deploy gates of one environment, by the ids of its post steps. */
function postGatesOf(stage: pipelines.StageDeployment): PostGate[] {
  return stage.post.map((s) => postGateOf(s.id)).filter((g): g is PostGate => g !== undefined);
}

/** The stacks of a stage in an order the pipeline deploys them: every stack after the stacks it depends on. */
function deployOrder(stacks: readonly pipelines.StackDeployment[]): pipelines.StackDeployment[] {
  const out: pipelines.StackDeployment[] = [];
  const visit = (s: pipelines.StackDeployment): void => {
    if (out.includes(s)) return;
    s.stackDependencies.forEach(visit);
    out.push(s);
  };
  stacks.forEach(visit);
  return out;
}
