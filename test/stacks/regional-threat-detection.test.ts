import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import { threatDetectionPresentOrDelegated } from '../../lib/compliance/checks/monitor-2/monitor2-threat-detection-present-or-delegated';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PLATFORM_METADATA_KEY } from '../../lib/core/platform-metadata';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from '../support/cdk-json-app';
import { TEST_NOW } from '../support/reference-constants';

/**
 * GIVEN an account that runs GuardDuty in its home (primary) region only: `guardDuty: { primary: 'create', recovery:
 * 'existing' }`, synthesized once (no stock packs: this file is about the detectors and their evidence).
 */
const ENVIRONMENT = 'home';
let stage: PlatformStage;
let outdir: string;
let evidence: EvidenceReport;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'regional-modes-'));
  const app = cdkJsonApp({ outdir });
  stage = new PlatformStage(app, ENVIRONMENT, {
    config: referencePlatformConfig(
      { environmentName: ENVIRONMENT, threatDetection: { guardDuty: { primary: 'create', recovery: 'existing' } } },
      TEST_NOW,
    ),
    now: TEST_NOW,
    stockPacks: [],
  });
  app.synth();
  evidence = collectEvidence({ outdir, verifyGate: false });
}, 300_000);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('GuardDuty created in the primary region only', () => {
  test('declares the detector in the primary region and none in the recovery region', () => {
    Template.fromStack(stage.threatDetection).resourceCountIs('AWS::GuardDuty::Detector', 1);
    Template.fromStack(stage.recoveryThreatDetection).resourceCountIs('AWS::GuardDuty::Detector', 0);
    // The other singletons keep their default, create, in both regions.
    Template.fromStack(stage.recoveryThreatDetection).resourceCountIs('AWS::SecurityHub::Hub', 1);
  });

  test('records the per-region mode in the platform metadata, as the config writes it', () => {
    const metadata = Template.fromStack(stage.monitoring).toJSON().Metadata[PLATFORM_METADATA_KEY];
    expect(metadata.optOuts.guardDutyMode).toEqual({ primary: 'create', recovery: 'existing' });
    expect(metadata.optOuts.securityHubMode).toBeUndefined();
  });

  test('MONITOR-2 proves the primary detector and reports the recovery region as relied on, not declared', () => {
    const results = threatDetectionPresentOrDelegated.run(PlatformAssembly.fromDirectory(outdir));
    const guardDuty = results.filter((r) => /GuardDuty/.test(r.detail));
    expect(guardDuty.map((r) => [r.status, r.detail.split(':')[0]])).toEqual([
      ['pass', `environment ${ENVIRONMENT}, eu-west-1`],
      ['weakened', `environment ${ENVIRONMENT}, eu-central-1`],
    ]);
    expect(guardDuty[1].detail).toMatch(/left to the account's own \(threatDetection\.guardDuty = 'existing'\)/);
  });

  test('the evidence lists the opt-out beside MONITOR-2, naming the region it leaves to the account', () => {
    const monitor2 = evidence.environments[0].claims.find((c) => c.id === 'MONITOR-2')!;
    expect(monitor2.status).toBe('weakened');
    expect(monitor2.optOuts).toEqual([
      `threatDetection.guardDuty = {"primary":"create","recovery":"existing"}: GuardDuty is not declared in eu-central-1 (recovery: 'existing'), only in eu-west-1 (primary: 'create'): there 'existing' relies on the account's own, 'organization' on a delegated administrator; either way MONITOR-2 relies on a setup this assembly does not prove`,
    ]);
  });
});
