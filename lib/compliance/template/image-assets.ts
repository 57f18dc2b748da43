import * as fs from 'fs';
import * as path from 'path';
import type { StackTemplate } from './platform-assembly';

/** A container image the CDK app builds (an image asset), as the stack's asset manifest describes it. */
export interface ImageAsset {
  /** The asset hash, which is the image tag in the template. */
  readonly hash: string;
  /** `source.platform` of the asset, for example `linux/amd64`; undefined when the build is not pinned. */
  readonly platform?: string;
  /** The Dockerfile's text, read from the asset's build context in the cloud assembly. */
  readonly dockerfile?: string;
}

interface AssetManifest {
  readonly dockerImages?: Record<
    string,
    { readonly source?: { readonly directory?: string; readonly dockerFile?: string; readonly platform?: string } }
  >;
}

/**
 * The image asset a container definition's `Image` names (`...container-assets...:<hash>`), read from the asset
 * manifest CDK writes beside the template (`<artifact>.assets.json`). Undefined for an image from a registry.
 */
export function imageAssetOf(stack: StackTemplate, image: unknown): ImageAsset | undefined {
  const text = JSON.stringify(image ?? '');
  const hash = /:([0-9a-f]{64})"/.exec(text)?.[1];
  if (!hash || !stack.templatePath) return undefined;
  const manifestFile = stack.templatePath.replace(/\.template\.json$/, '.assets.json');
  if (!fs.existsSync(manifestFile)) return { hash };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as AssetManifest;
  const source = manifest.dockerImages?.[hash]?.source;
  if (!source) return { hash };
  const dockerfilePath = source.directory
    ? path.join(path.dirname(manifestFile), source.directory, source.dockerFile ?? 'Dockerfile')
    : undefined;
  return {
    hash,
    platform: source.platform,
    dockerfile: dockerfilePath && fs.existsSync(dockerfilePath) ? fs.readFileSync(dockerfilePath, 'utf8') : undefined,
  };
}
