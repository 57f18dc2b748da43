import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PreflightFinding, renderPreflight, runPreflight } from '../../bin/preflight';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-assembly';
import { describeWithEmulator, MotoServer, startMoto } from './moto-server';

/** The preflight against moto's server on loopback (moto-server.ts): nothing reaches AWS. */
/** Findings that decide something (the rest are notes and calls moto does not answer, such as Access Analyzer). */
const DECISIVE: readonly PreflightFinding['kind'][] = ['singleton', 'collision', 'mode'];

describeWithEmulator('preflight (read-only) against a local AWS API emulator', () => {
  let moto: MotoServer;
  let endpoint: string;

  beforeAll(async () => {
    moto = await startMoto();
    endpoint = moto.endpoint;
  });

  afterAll(() => moto.stop());

  test('an empty account: no singleton, no collision, every mode create, nothing blocks', async () => {
    const report = await runPreflight({ outdir: REFERENCE_ASSEMBLY_DIR, endpoint });
    expect(report.findings.filter((f) => DECISIVE.includes(f.kind))).toEqual([]);
    // What a member account cannot see is said, not guessed.
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        kind: 'note',
        subject: 'accessAnalyzer',
        detail: expect.stringMatching(/cannot see an organization analyzer/),
      }),
    );
    expect(report.suggestedThreatDetection).toEqual({
      guardDuty: 'create',
      securityHub: 'create',
      accessAnalyzer: 'create',
      config: 'create',
    });
    expect(report.blocking).toBe(false);
  });

  test('an account with a detector and a retained bucket: reports both, suggests existing, blocks', async () => {
    // GIVEN GuardDuty already on in the primary region and the upload bucket left over from an earlier try
    const guardDuty = new GuardDutyClient({ region: 'eu-west-1', endpoint });
    const s3 = new S3Client({ region: 'eu-west-1', endpoint, forcePathStyle: true });
    await guardDuty.send(new CreateDetectorCommand({ Enable: true }));
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'ref-uploads-123456789012-eu-west-1',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    guardDuty.destroy();
    s3.destroy();
    // WHEN
    const report = await runPreflight({ outdir: REFERENCE_ASSEMBLY_DIR, endpoint });
    // THEN
    expect(report.findings.filter((f) => DECISIVE.includes(f.kind))).toEqual([
      {
        region: 'eu-west-1',
        kind: 'singleton',
        subject: 'guardDuty',
        detail: expect.stringMatching(/^GuardDuty detector .* exists, run by this account$/),
      },
      {
        region: 'eu-west-1',
        kind: 'collision',
        subject: 'bucket ref-uploads-123456789012-eu-west-1',
        detail: expect.stringMatching(/^exists in this account/),
      },
      {
        region: 'eu-west-1',
        kind: 'mode',
        subject: 'threatDetection.guardDuty',
        blocking: true,
        detail: expect.stringMatching(
          /^is 'create' but .* fails the deploy\. Set threatDetection\.guardDuty to 'existing'$/,
        ),
      },
    ]);
    expect(report.suggestedThreatDetection.guardDuty).toBe('existing');
    expect(report.blocking).toBe(true);
    expect(renderPreflight(report)).toMatch(/"guardDuty": "existing"/);
  });
});
