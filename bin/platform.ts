#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import {
  checkPlatformConfig,
  loadPlatformConfigFile,
  PlatformConfig,
  PlatformConfigError,
  PlatformConstructError,
  PlatformStage,
  referencePlatformConfig,
} from '../lib';

/**
 * The reference platform: one PlatformStage per environment, synthesizable offline (zones come from config, no
 * lookups).
 *   -c configFile=path.json  deep-merge a JSON config file over the reference (how you try your own settings)
 *   -c environments=N        synthesize N copies of the environment (used by the benchmarks)
 * A config problem prints one block (every problem with its setting, value and fix) and exits 1, writing nothing;
 * a construct refusing its props prints its one line (code, construct path, setting, value, fix) the same way.
 */
const app = new App();

async function main(): Promise<void> {
  const now = new Date();
  const configFile = app.node.tryGetContext('configFile') as string | undefined;
  const copies = Number(app.node.tryGetContext('environments') ?? 1);
  const base: PlatformConfig = configFile
    ? await loadPlatformConfigFile(configFile, referencePlatformConfig({}, now), now)
    : referencePlatformConfig({}, now);
  for (let i = 0; i < copies; i++) {
    const config = { ...base, environmentName: i === 0 ? base.environmentName : `${base.environmentName}${i + 1}` };
    // Checked (the dump key read by openpgp) before the stage, which then judges the same config and moment.
    await checkPlatformConfig(config, now, configFile ? { source: configFile } : {});
    new PlatformStage(app, config.environmentName, { config, now });
  }
}

main().catch((e: unknown) => {
  if (e instanceof PlatformConfigError || PlatformConstructError.isPlatformConstructError(e)) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
});
