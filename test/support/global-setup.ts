import * as fs from 'fs';
import * as path from 'path';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from './cdk-json-app';
import { writeReferenceJudgement } from './reference-judgement';
import { REFERENCE_ASSEMBLY_ROOT, REFERENCE_ENVIRONMENT, TEST_NOW } from './reference-constants';

/**
 * Synthesizes the reference platform once for the whole test run; test files that only read it share this assembly
 * instead of paying a synth each (see reference-assembly.ts), and its judgement (see reference-judgement.ts).
 */
export default function globalSetup(): void {
  // For quick runs of tests that do not read the reference assembly.
  if (process.env.SKIP_REFERENCE_SYNTH === '1') return;
  fs.rmSync(REFERENCE_ASSEMBLY_ROOT, { recursive: true, force: true });
  const app = cdkJsonApp({ outdir: REFERENCE_ASSEMBLY_ROOT });
  const stage = new PlatformStage(app, REFERENCE_ENVIRONMENT, {
    config: referencePlatformConfig({ environmentName: REFERENCE_ENVIRONMENT }, TEST_NOW),
    now: TEST_NOW,
  });
  // A stage synth does not run the validation plugins; the synth-gate and pack tests run those themselves.
  stage.synth();
  if (!fs.existsSync(path.join(REFERENCE_ASSEMBLY_ROOT, `assembly-${REFERENCE_ENVIRONMENT}`, 'manifest.json'))) {
    throw new Error('reference assembly was not written');
  }
  writeReferenceJudgement();
}
