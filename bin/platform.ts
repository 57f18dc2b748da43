#!/usr/bin/env node
import * as fs from 'fs';
import { App } from 'aws-cdk-lib';
import { validateCloudFormationInBackground } from '../lib/synth';
import type { PlatformConfig } from '../lib';

/**
 * The reference platform: one PlatformStage per environment, synthesizable offline (zones come from config, no
 * lookups).
 *   -c configFile=path.json  merge a JSON config over the reference (how you try your own settings)
 *   -c environments=N        synthesize N copies of the environment (used by the benchmarks)
 *   -c cloudFormationValidationInBackground=false
 *                            run CDK's CloudFormation validation in-process after synthesis, as CDK does by default
 *                            (the benchmarks compare the two)
 */
const app = new App();
if (String(app.node.tryGetContext('cloudFormationValidationInBackground')) !== 'false') {
  validateCloudFormationInBackground(app);
}
// Loaded only now, so the worker starts CDK's validation engine while the platform's modules load, not after.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PlatformStage, referencePlatformConfig } = require('../lib') as typeof import('../lib');
const configFile = app.node.tryGetContext('configFile') as string | undefined;
const overrides = configFile ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as Partial<PlatformConfig>) : {};
const copies = Number(app.node.tryGetContext('environments') ?? 1);
for (let i = 0; i < copies; i++) {
  const base = overrides.environmentName ?? 'prod';
  const environmentName = i === 0 ? base : `${base}${i + 1}`;
  new PlatformStage(app, environmentName, { config: referencePlatformConfig({ ...overrides, environmentName }) });
}
