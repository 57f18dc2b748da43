/**
 * Template metadata key under which every platform stack records its environment, regions and opt-outs (written by
 * PlatformStage), so that checks and the evidence, which read only templates, can name them.
 */
export const PLATFORM_METADATA_KEY = 'PocketCity::Platform';

export interface PlatformMetadata {
  readonly environment: string;
  readonly primaryRegion: string;
  readonly recoveryRegion: string;
  readonly optOuts: Record<string, unknown>;
  /** Fingerprint of the OpenPGP key the database dumps are encrypted to, as openpgp read it (REST-3). */
  readonly dumpKeyFingerprint?: string;
  /** SHA-256 of the resolved config the stage was built from, so a report names the config it certifies. */
  readonly configDigest?: string;
}

/** The platform metadata of a template, if it has any. */
export function platformMetadataOf(template: {
  readonly Metadata?: Record<string, unknown>;
}): PlatformMetadata | undefined {
  return template.Metadata?.[PLATFORM_METADATA_KEY] as PlatformMetadata | undefined;
}
