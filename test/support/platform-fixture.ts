import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PlatformAssembly } from '../../lib/compliance/assembly/platform-assembly';
import { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage, PlatformStageProps } from '../../lib/stacks/platform-stage';

import { cdkJsonApp } from './cdk-json-app';
import { TEST_NOW } from './reference-constants';

export { TEST_NOW };

export interface PlatformFixture {
  readonly app: App;
  readonly stage: PlatformStage;
  /** The stage's synthesized cloud assembly directory (validation plugins do not run for a stage synth). */
  readonly assemblyDir: string;
  readonly assembly: PlatformAssembly;
  readonly template: (stack: Stack) => Template;
}

/**
 * Synthesizes one platform stage from the reference config with `overrides`. Call once per test file (beforeAll):
 * a synth costs seconds, an assertion microseconds.
 */
export function synthPlatform(
  overrides: Partial<PlatformConfig> = {},
  stageProps: Partial<PlatformStageProps> = {},
): PlatformFixture {
  const app = cdkJsonApp();
  const stage = new PlatformStage(app, 'test', {
    config: referencePlatformConfig({ environmentName: 'test', ...overrides }, TEST_NOW),
    now: TEST_NOW,
    ...stageProps,
  });
  const assemblyDir = stage.synth().directory;
  const templates = new Map<Stack, Template>();
  return {
    app,
    stage,
    assemblyDir,
    assembly: PlatformAssembly.fromDirectory(assemblyDir),
    template: (stack) => {
      if (!templates.has(stack)) templates.set(stack, Template.fromStack(stack));
      return templates.get(stack)!;
    },
  };
}
