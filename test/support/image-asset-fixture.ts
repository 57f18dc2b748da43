import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';

export const HASH = 'a'.repeat(64);

export interface ContainerFixture {
  readonly dockerfile?: string;
  /** `source.platform` of the asset. @default 'linux/amd64' */
  readonly platform?: string | null;
  readonly user?: string;
  readonly mounts?: readonly { ContainerPath: string; ReadOnly?: boolean }[];
  readonly cpuArchitecture?: string;
  /** An image from a registry instead of an asset. */
  readonly registryImage?: string;
  readonly engineVersion?: string | null;
}

/** One stack with a task definition whose image is an asset built from `dockerfile`, written to a temp assembly. */
export function modelWithContainer(f: ContainerFixture): PlatformAssembly {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-asset-'));
  const assetDir = path.join(dir, `asset.${HASH}`);
  fs.mkdirSync(assetDir);
  if (f.dockerfile !== undefined) fs.writeFileSync(path.join(assetDir, 'Dockerfile'), f.dockerfile);
  const source = {
    directory: `asset.${HASH}`,
    ...(f.platform === null ? {} : { platform: f.platform ?? 'linux/amd64' }),
  };
  fs.writeFileSync(path.join(dir, 'prodData.assets.json'), JSON.stringify({ dockerImages: { [HASH]: { source } } }));
  const image = f.registryImage ?? {
    'Fn::Sub': `123456789012.dkr.ecr.eu-west-1.\${AWS::URLSuffix}/cdk-assets:${HASH}`,
  };
  const template = {
    Resources: {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          RuntimePlatform: { CpuArchitecture: f.cpuArchitecture ?? 'X86_64' },
          ContainerDefinitions: [
            {
              Name: 'Dump',
              Image: image,
              User: f.user ?? '10001',
              ReadonlyRootFilesystem: true,
              MountPoints: f.mounts ?? [],
            },
          ],
        },
      },
      ...(f.engineVersion === null
        ? {}
        : {
            Cluster: {
              Type: 'AWS::RDS::DBCluster',
              Properties: { Engine: 'aurora-postgresql', EngineVersion: f.engineVersion ?? '17.9' },
            },
          }),
    },
  };
  const templatePath = path.join(dir, 'prodData.template.json');
  fs.writeFileSync(templatePath, JSON.stringify(template));
  return new PlatformAssembly([
    { stackName: 'prod-Data', constructPath: 'prod/Data', region: 'eu-west-1', templatePath, template },
  ]);
}

export const TRIXIE_DUMP = [
  'FROM debian:trixie-slim',
  'RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client-17 gnupg',
  'RUN mkdir -p /scratch && chown 10001:10001 /scratch',
  'VOLUME /scratch',
  'USER 10001',
].join('\n');
