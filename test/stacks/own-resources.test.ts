import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { acknowledgeFinding } from '../../lib/core/acknowledge';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { GATE_RECORD_FILE, GateRecord } from '../../lib/compliance/gate/claims-plugin';
import { strayStackFindings } from '../../lib/compliance/gate/stray-stacks';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { AccessLogBucket } from '../../lib/data/access-log-bucket';
import { SecureQueue } from '../../lib/data/secure-queue';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from '../support/cdk-json-app';
import { ValidationReport } from '../support/shared-validation-report';
import { TEST_NOW } from '../support/reference-constants';

/**
 * GIVEN one app as a team would write it: the platform stage, the team's own stack inside it (a secure queue, a
 * bucket logged into an access-log bucket, and a queue left at CDK's defaults), and a stack beside the stage.
 * WHEN it is synthesized with every pack (as `cdk synth` runs them) and its evidence collected,
 * THEN the gate and the evidence judge the own stack alike, pass what is secure, name what is not, and name the stack
 * outside the stage.
 */
const ENVIRONMENT = 'own';
let outdir: string;
let synthError: unknown;
let report: ValidationReport;
let gate: GateRecord;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'own-resources-'));
  const app = cdkJsonApp({ outdir });
  const stage = new PlatformStage(app, ENVIRONMENT, {
    config: referencePlatformConfig({ environmentName: ENVIRONMENT }, TEST_NOW),
    now: TEST_NOW,
  });
  const workloads = new Stack(stage, 'Workloads', { env: { account: stage.account, region: stage.region } });
  new SecureQueue(workloads, 'Orders');
  const logs = new AccessLogBucket(workloads, 'AccessLogs');
  const reports = new s3.Bucket(workloads, 'Reports', {
    encryption: s3.BucketEncryption.KMS,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: logs.bucket,
    serverAccessLogsPrefix: 'reports/',
  });
  // Not customer data and rebuilt from the database on demand: the team decides against a replica, and says why.
  acknowledgeFinding(
    reports,
    ...['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => ({
      rule: `${pack}-S3BucketReplicationEnabled`,
      claim: 'DATA-3' as const,
      reason: 'Monthly reports hold no customer data and are rebuilt from the database on demand; no replica is kept.',
    })),
  );
  new sqs.Queue(workloads, 'Plain');
  new s3.Bucket(new Stack(app, 'Beside', { env: { region: stage.region } }), 'Unjudged');
  try {
    app.synth();
  } catch (e) {
    synthError = e;
  }
  report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  gate = JSON.parse(fs.readFileSync(path.join(outdir, `assembly-${ENVIRONMENT}`, GATE_RECORD_FILE), 'utf8'));
}, 600_000);

afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Every unacknowledged finding of every plugin, as `<plugin>: <rule> <construct path>`. */
const findings = () =>
  report.pluginReports.flatMap((p) =>
    (p.violations ?? []).flatMap((v) =>
      (v.violatingConstructs ?? [{}]).map((c) => `${p.pluginName}: ${v.ruleName} ${c.constructPath ?? '-'}`),
    ),
  );

describe("a team's own resources", () => {
  test('synth fails on the plain queue and on the stack beside the stage, and on nothing else of the team', () => {
    expect(synthError).toBeDefined();
    const paths = findings()
      .map((f) => f.split(' ').pop()!)
      .filter((p) => p.startsWith(`${ENVIRONMENT}/Workloads/`) || !p.startsWith(`${ENVIRONMENT}/`));
    expect([...new Set(paths)].sort()).toEqual(['Beside', `${ENVIRONMENT}/Workloads/Plain/Resource`]);
  });

  test('the secure queue, its dead-letter queue and the logged bucket pass every claims check and every stock pack', () => {
    const own = findings().filter((f) => /\/Workloads\/(Orders|AccessLogs|Reports)\//.test(f));
    expect(own).toEqual([]);
    // Judged, not skipped: the gate read the own stack's template.
    expect(Object.keys(gate.templates)).toContainEqual(
      expect.stringMatching(/^ownWorkloads[0-9A-F]*\.template\.json$/),
    );
  });

  test('the queue left at CDK defaults (no key, no TLS-only policy) fails the claims checks, naming the queue', () => {
    const plain = findings().filter((f) => f.startsWith('Claims: ') && f.includes('/Workloads/Plain/'));
    expect(plain).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Claims: Claims-TRANSIT1-MessagesRefusePlaintext\S* own\/Workloads\/Plain\/Resource$/),
        expect.stringMatching(
          /^Claims: Claims-REST1-EveryDataStoreEncryptedAtRest\S* own\/Workloads\/Plain\/Resource$/,
        ),
      ]),
    );
    // Its messages are recorded all the same: the trail records the data events of every queue.
    expect(plain.filter((f) => f.includes('MONITOR1'))).toEqual([]);
    expect(gate.findings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Claims-TRANSIT1-MessagesRefusePlaintext\S* Plain[0-9A-F]+$/)]),
    );
  });

  test('the evidence judges the own stack as the gate did: inside the environment, same findings, not stray', () => {
    const evidence = collectEvidence({ outdir, now: TEST_NOW });
    expect(evidence.strayStacks.map((s) => s.stackName)).toEqual(['Beside']);
    expect(evidence.environments.map((e) => e.environment)).toEqual([ENVIRONMENT]);
    expect(evidence.environments[0].stacks.map((s) => s.stackName)).toContain(`${ENVIRONMENT}-Workloads`);
    expect(evidence.integrity.map((p) => p.problem)).toEqual([
      expect.stringMatching(/^stack Beside \(Beside\) is outside every PlatformStage/),
    ]);
  });

  test('the synth gate names the stack outside the stage and how to fix it', () => {
    expect(findings()).toContain('ClaimsStacks: StackOutsidePlatformStage Beside');
    const stacks = fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => ({ stackConstructPath: f.replace('.template.json', ''), templatePath: path.join(outdir, f) }))
      .concat(
        fs
          .readdirSync(path.join(outdir, `assembly-${ENVIRONMENT}`))
          .filter((f) => f.endsWith('.template.json'))
          .map((f) => ({
            stackConstructPath: `${ENVIRONMENT}/${f.replace(/^own|\.template\.json$/g, '')}`,
            templatePath: path.join(outdir, `assembly-${ENVIRONMENT}`, f),
          })),
      )
      .map((s) => ({ ...s, accountId: undefined, region: undefined }));
    expect(strayStackFindings(stacks)).toEqual([
      expect.objectContaining({
        stackName: 'Beside',
        what: expect.stringContaining('stack Beside (Beside) is outside every PlatformStage'),
        fix: "move it into the stage: new Stack(stage, 'Beside', ...) where stage is the PlatformStage 'own' (see docs/own-resources.md)",
      }),
    ]);
  });
});
