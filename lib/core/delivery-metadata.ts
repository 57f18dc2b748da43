/**
 * Template metadata key under which the delivery pipeline's stack records what it deploys and which gates run
 * around each deploy (written by DeliveryPipeline), so that the evidence, which reads only templates, can say it.
 */
export const DELIVERY_METADATA_KEY = 'PocketCity::Delivery';

/** The gates a deploy needs: before it (in the synth step) and after it (post-deploy steps of its stage). */
export const REQUIRED_SYNTH_GATES = ['install', 'tests', 'synth', 'strict-evidence'] as const;
export const REQUIRED_POST_GATES = ['smoke', 'verify'] as const;
export type SynthGate = (typeof REQUIRED_SYNTH_GATES)[number];
export type PostGate = (typeof REQUIRED_POST_GATES)[number];

/** One environment the pipeline deploys. */
export interface DeliveredStageRecord {
  /** The pipeline stage (wave) it deploys in. */
  readonly wave: string;
  /** The environment (PlatformStage) name. */
  readonly environment: string;
  readonly account: string;
  /** Every stack it deploys, as `<stack name> (<region>)`, in the order the pipeline deploys them. */
  readonly stacks: readonly string[];
  /** Whether a manual approval runs before its wave. */
  readonly approval: boolean;
  /** The post-deploy gates that run after its last stack, in order. */
  readonly postGates: readonly PostGate[];
}

export interface DeliveryMetadata {
  readonly pipelineAccount: string;
  readonly pipelineRegion: string;
  readonly source: string;
  /**
   * The stacks CDK Pipelines adds beside the pipeline's own (artifact buckets in each other region it deploys to):
   * like the pipeline stack, outside every PlatformStage on purpose, judged by the stock packs.
   */
  readonly supportStacks: readonly string[];
  /** The gates of the synth step, which runs before any deploy. */
  readonly synthGates: readonly SynthGate[];
  readonly stages: readonly DeliveredStageRecord[];
  /** What is wrong: a deploy without its gates (the construct refuses to synthesize such a pipeline). */
  readonly problems: readonly string[];
}

/** The delivery metadata of a template, if it has any. */
export function deliveryMetadataOf(template: {
  readonly Metadata?: Record<string, unknown>;
}): DeliveryMetadata | undefined {
  return template.Metadata?.[DELIVERY_METADATA_KEY] as DeliveryMetadata | undefined;
}
