#!/usr/bin/env node
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import {
  checkPlatformConfig,
  DeliveryPipelineStack,
  loadPipelineConfigFile,
  loadPlatformConfigFile,
  namesConfigFile,
  PlatformConfig,
  PlatformConfigError,
  PlatformConstructError,
  PlatformStage,
  referencePlatformConfig,
} from '../lib';

/**
 * The opt-in delivery app (docs/delivery.md): the platform's environments deployed by CDK Pipelines, wave by wave.
 *   cdk synth --app 'node -r ts-node/register bin/pipeline.ts' -c pipelineConfig=delivery/pipeline.json
 * Each stage of a wave is a platform config file (merged over the reference config, as `-c configFile=` does for
 * bin/platform.ts; relative to the pipeline config's folder) or an environment name of the reference config.
 * The reference app, bin/platform.ts, stays the way to deploy one environment by hand.
 */
const app = new App();

/** The synth step's commands: this repository's own synth and evidence, on this app. */
function synthCommands(pipelineConfigFile: string): string[] {
  const appCommand = 'node -r ts-node/register bin/pipeline.ts';
  return [
    'npm ci',
    'npm test',
    `npm run synth -- --app "${appCommand}" -c pipelineConfig=${pipelineConfigFile}`,
    'npm run evidence -- --strict',
  ];
}

async function main(): Promise<void> {
  const now = new Date();
  const file = app.node.tryGetContext('pipelineConfig') as string | undefined;
  if (!file) {
    throw new PlatformConfigError('', [
      {
        setting: 'pipelineConfig',
        value: file,
        problem: 'is not given',
        fix: 'name the pipeline config file: -c pipelineConfig=delivery/pipeline.json (docs/delivery.md)',
      },
    ]);
  }
  const pipeline = loadPipelineConfigFile(file);
  const waves = [];
  for (const wave of pipeline.waves) {
    const stages = [];
    for (const entry of wave.stages) {
      const configFile = namesConfigFile(entry) ? path.join(path.dirname(file), entry) : undefined;
      const config: PlatformConfig = configFile
        ? await loadPlatformConfigFile(configFile, referencePlatformConfig({}, now), now)
        : referencePlatformConfig({ environmentName: entry }, now);
      await checkPlatformConfig(config, now, configFile ? { source: configFile } : {});
      stages.push(new PlatformStage(app, config.environmentName, { config, now }));
    }
    waves.push({ name: wave.name, approval: wave.approval, stages });
  }
  new DeliveryPipelineStack(app, 'Delivery', {
    pipeline,
    waves,
    synthCommands: synthCommands(file),
    // This repository is the package: its CLI runs from source.
    cli: 'npx ts-node lib/cli/secure-platform.ts',
  });
}

main().catch((e: unknown) => {
  if (e instanceof PlatformConfigError || PlatformConstructError.isPlatformConstructError(e)) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
});
