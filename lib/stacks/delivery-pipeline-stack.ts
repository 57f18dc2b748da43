import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { PipelineConfig } from '../config/pipeline-config';
import { ScopedPack } from '../compliance/gate/scoped-pack';
import { ALL_STOCK_PACKS, createStockPacks, StockPackName } from '../compliance/gate/stock-packs';
import { DeliveryPipeline, DeliveryPipelineProps } from '../delivery/delivery-pipeline';
import type { PlatformStage } from './platform-stage';

/** A wave of the pipeline config with its environments built. */
export interface PlatformWave {
  readonly name: string;
  /** @default false */
  readonly approval?: boolean;
  readonly stages: readonly PlatformStage[];
}

export interface DeliveryPipelineStackProps extends Omit<StackProps, 'env'> {
  /** Source, pipeline account and region (the waves' environments come in `waves`). */
  readonly pipeline: Pick<
    PipelineConfig,
    'connectionArn' | 'repository' | 'branch' | 'pipelineAccount' | 'pipelineRegion'
  >;
  /** The waves in order, each with its PlatformStages (built in the same app, outside this stack). */
  readonly waves: readonly PlatformWave[];
  /** @default - DeliveryPipeline's default */
  readonly synthCommands?: DeliveryPipelineProps['synthCommands'];
  /** @default - DeliveryPipeline's default */
  readonly cli?: string;
  /** @default - DeliveryPipeline's default */
  readonly installCommands?: readonly string[];
  /**
   * Stock cdk-nag packs run on the pipeline stack and its cross-region support stacks at synth, as on every stage.
   * @default ALL_STOCK_PACKS
   */
  readonly stockPacks?: readonly StockPackName[];
}

/**
 * The delivery pipeline's own stack, in the pipeline account: a DeliveryPipeline deploying the PlatformStages wave by
 * wave, judged by the same stock packs as the stages (each finding on CDK Pipelines' generated resources is
 * acknowledged with its reason; anything else fails synth).
 */
export class DeliveryPipelineStack extends Stack {
  readonly delivery: DeliveryPipeline;

  constructor(scope: Construct, id: string, props: DeliveryPipelineStackProps) {
    super(scope, id, {
      ...props,
      env: { account: props.pipeline.pipelineAccount, region: props.pipeline.pipelineRegion },
    });
    this.delivery = new DeliveryPipeline(this, 'Delivery', {
      connectionArn: props.pipeline.connectionArn,
      repository: props.pipeline.repository,
      branch: props.pipeline.branch,
      waves: props.waves.map((wave) => ({
        name: wave.name,
        approval: wave.approval,
        stages: wave.stages.map((stage) => ({ stage, config: stage.config })),
      })),
      synthCommands: props.synthCommands,
      cli: props.cli,
      installCommands: props.installCommands,
    });
    const names = props.stockPacks ?? ALL_STOCK_PACKS;
    for (const judged of [this, ...this.delivery.supportStacks]) {
      Validations.of(this).addPlugins(...createStockPacks(judged, names).map((pack) => new ScopedPack(pack, judged)));
    }
  }
}
