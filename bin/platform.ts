#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { PlatformStage, referencePlatformConfig } from '../lib';

/**
 * The reference platform: one PlatformStage per environment, synthesizable offline (zones come from config, no
 * lookups). Set `-c environments=N` to synthesize N copies (used by the benchmarks).
 */
const app = new App();
const copies = Number(app.node.tryGetContext('environments') ?? 1);
for (let i = 0; i < copies; i++) {
  const environmentName = i === 0 ? 'prod' : `prod${i + 1}`;
  new PlatformStage(app, environmentName, { config: referencePlatformConfig({ environmentName }) });
}
