#!/usr/bin/env node
import * as fs from 'fs';
import { App } from 'aws-cdk-lib';
import { PlatformConfig, PlatformStage, referencePlatformConfig } from '../lib';

/**
 * The reference platform: one PlatformStage per environment, synthesizable offline (zones come from config, no
 * lookups).
 *   -c configFile=path.json  merge a JSON config over the reference (how you try your own settings)
 *   -c environments=N        synthesize N copies of the environment (used by the benchmarks)
 */
const app = new App();
const configFile = app.node.tryGetContext('configFile') as string | undefined;
const overrides = configFile ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as Partial<PlatformConfig>) : {};
const copies = Number(app.node.tryGetContext('environments') ?? 1);
for (let i = 0; i < copies; i++) {
  const base = overrides.environmentName ?? 'prod';
  const environmentName = i === 0 ? base : `${base}${i + 1}`;
  new PlatformStage(app, environmentName, { config: referencePlatformConfig({ ...overrides, environmentName }) });
}
