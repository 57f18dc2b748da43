/**
 * Finds a container's task definition and its image asset in a synthesized cloud assembly (cdk.out): the template
 * of the stack, the `AWS::ECS::TaskDefinition` holding the named container, and the asset manifest's docker image
 * entry (build context directory and platform) its `Image` points at.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TaskDefinitionProperties } from './fargate-run';

export interface SynthesizedContainer {
  readonly stackName: string;
  readonly logicalId: string;
  readonly taskDefinition: TaskDefinitionProperties;
  /** Every resource of the stack's template, for what a test compares the task definition with. */
  readonly resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  /** The asset's build context, staged by CDK inside the assembly. */
  readonly contextDir: string;
  /** `source.platform` of the asset, as `cdk deploy` hands it to `docker build --platform`. */
  readonly platform?: string;
}

interface Manifest {
  artifacts: Record<string, { type: string; displayName?: string; properties?: { templateFile?: string } }>;
}
interface AssetManifest {
  dockerImages?: Record<string, { source: { directory?: string; platform?: string } }>;
}

/** The container `containerName` of stack `stackPath` (e.g. `ref/Data`) in the assembly at `assemblyDir`. */
export function synthesizedContainer(
  assemblyDir: string,
  stackPath: string,
  containerName: string,
): SynthesizedContainer {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8')) as Manifest;
  const entry = Object.entries(manifest.artifacts).find(
    ([, a]) => a.type === 'aws:cloudformation:stack' && a.displayName === stackPath,
  );
  if (!entry?.[1].properties?.templateFile) throw new Error(`no stack ${stackPath} in ${assemblyDir}`);
  const [stackName, stack] = entry;
  const template = JSON.parse(fs.readFileSync(path.join(assemblyDir, stack.properties!.templateFile!), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: TaskDefinitionProperties }>;
  };
  const found = Object.entries(template.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::ECS::TaskDefinition' && r.Properties.ContainerDefinitions.some((c) => c.Name === containerName),
  );
  if (!found) throw new Error(`no task definition with a container ${containerName} in ${stackPath}`);
  const [logicalId, resource] = found;
  const container = resource.Properties.ContainerDefinitions.find((c) => c.Name === containerName)!;
  const imageText = JSON.stringify(container.Image);
  const assets = JSON.parse(
    fs.readFileSync(path.join(assemblyDir, `${stackName}.assets.json`), 'utf8'),
  ) as AssetManifest;
  const asset = Object.entries(assets.dockerImages ?? {}).find(([hash]) => imageText.includes(`:${hash}`));
  if (!asset?.[1].source.directory) {
    throw new Error(
      `container ${containerName} of ${stackPath} has no image asset built from a Dockerfile (Image ${imageText})`,
    );
  }
  return {
    stackName,
    logicalId,
    taskDefinition: resource.Properties,
    resources: template.Resources as unknown as SynthesizedContainer['resources'],
    contextDir: path.join(assemblyDir, asset[1].source.directory),
    platform: asset[1].source.platform,
  };
}
