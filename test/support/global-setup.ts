import * as fs from 'fs';
import * as path from 'path';
import { VERDICT_CACHE_ENV } from '../../lib/compliance/flows/verdict-cache';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from './cdk-json-app';
import { writeReferenceJudgement } from './reference-judgement';
import {
  OPTED_OUT_ENVIRONMENT,
  OPTED_OUT_OVERRIDES,
  REFERENCE_ASSEMBLY_ROOT,
  REFERENCE_ENVIRONMENT,
  SHARED_VALIDATION_REPORT,
  TEST_NOW,
} from './reference-constants';

/**
 * Synthesizes the shared platforms once for the whole test run: the reference and the reference with every opt-out,
 * two stages of one app. Test files that only read them share these assemblies, CDK's validation report of both
 * (see shared-validation-report.ts) and the reference's judgement (see reference-judgement.ts) instead of paying a
 * synth each.
 */
export default function globalSetup(): void {
  // The IAM engine's verdicts are shared by the run's files (and the CLI runs they start) through a cache of this run
  // only: every distinct request is evaluated by the engine at least once per run, never answered by an older run.
  const verdictCache = `${REFERENCE_ASSEMBLY_ROOT}-verdict-cache`;
  fs.rmSync(verdictCache, { recursive: true, force: true });
  process.env[VERDICT_CACHE_ENV] = verdictCache;
  // For quick runs of tests that do not read the shared platforms.
  if (process.env.SKIP_REFERENCE_SYNTH === '1') return;
  fs.rmSync(REFERENCE_ASSEMBLY_ROOT, { recursive: true, force: true });
  const app = cdkJsonApp({ outdir: REFERENCE_ASSEMBLY_ROOT });
  for (const [environmentName, overrides] of [
    [REFERENCE_ENVIRONMENT, {}],
    [OPTED_OUT_ENVIRONMENT, OPTED_OUT_OVERRIDES],
  ] as const) {
    new PlatformStage(app, environmentName, {
      config: referencePlatformConfig({ environmentName, ...overrides }, TEST_NOW),
      now: TEST_NOW,
    });
  }
  try {
    // An app synth, so the packs run and write their report as `cdk synth` does.
    app.synth();
  } catch (e) {
    // An unacknowledged finding fails the synth after the report is written: the pack tests read it and say which.
    if (!fs.existsSync(SHARED_VALIDATION_REPORT)) throw e;
  }
  for (const environment of [REFERENCE_ENVIRONMENT, OPTED_OUT_ENVIRONMENT]) {
    if (!fs.existsSync(path.join(REFERENCE_ASSEMBLY_ROOT, `assembly-${environment}`, 'manifest.json'))) {
      throw new Error(`the ${environment} assembly was not written`);
    }
  }
  writeReferenceJudgement();
}
