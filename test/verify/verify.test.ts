import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runVerify, runVerifyCommand, VerifyReport } from '../../lib/cli/verify';
import type { LiveFact } from '../../lib/cli/verify';
import { LIVE_FACTS } from '../../lib/core/requirements/live-facts';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { describeWithEmulator, MotoServer } from '../preflight/moto-server';
import { DeleteConfigRuleCommand, PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import {
  CreateDetectorCommand,
  DeleteDetectorCommand,
  ListDetectorsCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import { DeleteBucketReplicationCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  StartLoggingCommand,
  StopLoggingCommand,
  RemoveTagsCommand,
  AddTagsCommand,
  DescribeTrailsCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateStackCommand, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import {
  Clients,
  DeployedReference,
  DETECTOR_FEATURES,
  DUMPS,
  PRIMARY,
  putReplicationMetrics,
  putUploadsReplication,
  RECOVERY,
  startDeployedReference,
  UPLOADS,
} from './deployed-state';
import {
  ACCOUNT,
  Augments,
  backupJob,
  copyJob,
  denied,
  driftOf,
  evaluation,
  FSBP_ARN,
  HEALTHY,
  IN_SYNC,
  restoreTest,
  shaping,
  ShapedAnswers,
} from './shaped-answers';

/**
 * verify against moto's server on loopback, as the reference's account (123456789012), with the deployed state
 * created through the SDK (deployed-state.ts). Calls moto 5.2.5 does not serve are answered in the SDK's shapes
 * (shaped-answers.ts). Each test changes one thing from the healthy account and puts it back.
 */
describeWithEmulator('secure-platform verify against a local AWS API emulator', () => {
  let deployed: DeployedReference;
  let moto: MotoServer;
  let c: Clients;

  beforeAll(async () => {
    deployed = await startDeployedReference(REFERENCE_ASSEMBLY_DIR);
    ({ moto, clients: c } = deployed);
  });

  afterAll(() => deployed.stop());

  const verify = (answers: ShapedAnswers = {}, augments: Augments = {}, now?: () => Date) =>
    runVerify({
      assembly: REFERENCE_ASSEMBLY_DIR,
      endpoint: moto.endpoint,
      middleware: shaping({ ...HEALTHY, ...answers }, { ...IN_SYNC, ...augments }),
      now,
    });
  const fact = (report: VerifyReport, kind: string, subject?: string): LiveFact => {
    const found = report.facts.filter((f) => f.kind === kind && (subject === undefined || f.subject.includes(subject)));
    if (found.length === 0)
      throw new Error(`no ${kind} fact ${subject ?? ''}: ${report.facts.map((f) => f.id).join(', ')}`);
    return found[0];
  };
  const claim = (report: VerifyReport, id: string) => report.claims.find((x) => x.id === id);

  test('a healthy account: every claim verified, each fact with the time it was observed, exit 0 and both files', async () => {
    const out = process.env.VERIFY_KEEP_REPORT ?? fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    const logged: string[] = [];
    const code = await runVerifyCommand(
      { assembly: REFERENCE_ASSEMBLY_DIR, environment: 'ref', endpoint: moto.endpoint, out },
      (t) => logged.push(t),
      { middleware: shaping(HEALTHY, IN_SYNC) },
    );
    const report = JSON.parse(fs.readFileSync(path.join(out, 'verify-report.json'), 'utf8')) as VerifyReport;
    expect(report.facts.filter((f) => f.status !== 'verified')).toEqual([]);
    expect(code).toBe(0);
    expect(report.claims.map((x) => `${x.id} ${x.status}`)).toEqual([
      'DATA-1 verified',
      'DATA-2 verified',
      'DATA-3 verified',
      'DATA-4 verified',
      'TRANSIT-1 verified',
      'TRANSIT-2 verified',
      'REST-1 verified',
      'REST-2 verified',
      'REST-3 verified',
      'HA-1 verified',
      'BILLING-1 verified',
      'MONITOR-1 verified',
      'MONITOR-2 verified',
      'MONITOR-3 verified',
      'RESPONSE-1 verified',
      'ORG-1 organisational',
      'ORG-2 organisational',
    ]);
    expect(report.account).toBe('123456789012');
    for (const f of report.facts) expect(Date.parse(f.observedAt)).not.toBeNaN();
    expect(fact(report, 'dump-age').ageHours).toBeLessThan(0.1);
    // Every kind of fact core asks for, read.
    expect(new Set(report.facts.map((f) => f.kind))).toEqual(new Set(Object.keys(LIVE_FACTS)));
    const markdown = fs.readFileSync(path.join(out, 'verify-report.md'), 'utf8');
    expect(markdown).toContain('| claim | status | facts (verified / failing / UNKNOWN) | oldest fact as of | why |');
    expect(markdown).toMatch(/\| DATA-2 Backed up daily \| verified \| \d+ \(\d+ \/ 0 \/ 0\) \|/);
    expect(logged.join('\n')).toContain('Every claim verified in the account.');
    expect(UPLOADS).toBe('ref-uploads-123456789012-eu-west-1');
  });

  const DB = `arn:aws:rds:${PRIMARY}:${ACCOUNT}:cluster:ref-db`;
  const inFuture = (hours: number) => () => new Date(Date.now() + hours * 3_600_000);
  const onlyFor =
    (arn: string, bad: object, good: (input: Record<string, unknown>) => object) => (input: Record<string, unknown>) =>
      input.ByResourceArn === arn || input.ResourceArn === arn ? bad : good(input);
  const healthy = (key: string) => HEALTHY[key] as (input: Record<string, unknown>) => object;

  describe('AWS Config rules (DescribeConfigRules served by moto; GetComplianceDetailsByConfigRule shaped)', () => {
    const RULE = 'ref-s3-bucket-versioning-enabled-uploads';
    const compliance = (answer: (rule: string) => object | Error): ShapedAnswers => ({
      'ConfigServiceClient.GetComplianceDetailsByConfigRuleCommand': (input) =>
        input.ConfigRuleName === RULE
          ? answer(RULE)
          : healthy('ConfigServiceClient.GetComplianceDetailsByConfigRuleCommand')(input),
    });

    test('a NON_COMPLIANT resource fails the rule and its claim only, naming the resource', async () => {
      const report = await verify(
        compliance((r) => ({ EvaluationResults: [evaluation(r, 'NON_COMPLIANT', 1, UPLOADS)] })),
      );
      const f = fact(report, 'config-rule', RULE);
      expect(f.status).toBe('failing');
      expect(f.detail).toContain(`AWS::S3::Bucket ${UPLOADS} NON_COMPLIANT`);
      expect(claim(report, 'DATA-4')?.status).toBe('failing');
      expect(claim(report, 'DATA-1')?.status).toBe('verified');
      expect(report.verified).toBe(false);
    });

    test('a periodic rule evaluated more than 26 h ago is stale (failing, with its age); a change-triggered one is not', async () => {
      const periodic = 'ref-aurora-resources-protected-by-backup-plan';
      const report = await verify({
        'ConfigServiceClient.GetComplianceDetailsByConfigRuleCommand': (input) => ({
          EvaluationResults: [evaluation(String(input.ConfigRuleName), 'COMPLIANT', 30)],
        }),
      });
      const stale = fact(report, 'config-rule', periodic);
      expect(stale.status).toBe('failing');
      expect(stale.detail).toMatch(/^stale: .*, 30 h ago, older than the 26 h window$/);
      expect(stale.ageHours).toBe(30);
      expect(fact(report, 'config-rule', RULE)).toMatchObject({
        status: 'verified',
        ageHours: 30,
        maxAgeHours: undefined,
      });
    });

    test('no evaluation result yet is UNKNOWN, and keeps the claim from verified', async () => {
      const report = await verify(compliance(() => ({ EvaluationResults: [] })));
      expect(fact(report, 'config-rule', RULE)).toMatchObject({ status: 'UNKNOWN' });
      expect(fact(report, 'config-rule', RULE).detail).toContain('no evaluation result yet');
      expect(claim(report, 'DATA-4')?.status).toBe('UNKNOWN');
    });

    test('a denied compliance read is UNKNOWN, naming the error', async () => {
      const report = await verify(compliance(() => denied('config:GetComplianceDetailsByConfigRule')));
      expect(fact(report, 'config-rule', RULE).detail).toMatch(
        /^could not be read: AccessDeniedException: .*not authorized/,
      );
      expect(claim(report, 'DATA-4')?.status).toBe('UNKNOWN');
    });

    test('a rule missing from the account (deleted in moto) fails', async () => {
      await c.config[RECOVERY].send(new DeleteConfigRuleCommand({ ConfigRuleName: 'ref-securityhub-enabled' }));
      try {
        const report = await verify();
        const f = report.facts.find((x) => x.id === `config-rule ${RECOVERY} ref-securityhub-enabled`);
        expect(f).toMatchObject({
          status: 'failing',
          detail: 'SECURITYHUB_ENABLED: the rule is not in the account (not deployed?)',
        });
        expect(claim(report, 'MONITOR-2')?.status).toBe('failing');
      } finally {
        await c.config[RECOVERY].send(
          new PutConfigRuleCommand({
            ConfigRule: {
              ConfigRuleName: 'ref-securityhub-enabled',
              Source: { Owner: 'AWS', SourceIdentifier: 'SECURITYHUB_ENABLED' },
            },
          }),
        );
      }
    });
  });

  describe('AWS Backup jobs (ListBackupJobs, ListCopyJobs, ListRestoreJobsByProtectedResource: shaped)', () => {
    test('the newest backup job failed: failing, naming it and the last success', async () => {
      const key = 'BackupClient.ListBackupJobsCommand';
      const report = await verify({
        [key]: onlyFor(
          DB,
          { BackupJobs: [backupJob(DB, 'FAILED', 1, 'job-2'), backupJob(DB, 'COMPLETED', 25, 'job-1')] },
          healthy(key),
        ),
      });
      const f = fact(report, 'backup-job', DB);
      expect(f.status).toBe('failing');
      expect(f.detail).toMatch(
        /^the newest backup job job-2 ended FAILED at .* \(Backup job failed because the IAM role was not authorized\); last success /,
      );
      expect(f.items).toEqual([expect.stringMatching(/^backup job job-2 FAILED at /)]);
      expect(claim(report, 'DATA-2')?.status).toBe('failing');
    });

    test('the last successful backup 30 h ago is stale; a running job after it does not help', async () => {
      const key = 'BackupClient.ListBackupJobsCommand';
      const report = await verify({
        [key]: onlyFor(DB, { BackupJobs: [backupJob(DB, 'RUNNING', 0), backupJob(DB, 'COMPLETED', 30)] }, healthy(key)),
      });
      expect(fact(report, 'backup-job', DB)).toMatchObject({ status: 'failing', ageHours: 30, maxAgeHours: 26 });
      expect(fact(report, 'backup-job', DB).detail).toMatch(
        /^stale: last backup job .* 30 h ago, older than the 26 h window$/,
      );
    });

    test('no backup job at all fails; a denied list is UNKNOWN', async () => {
      const key = 'BackupClient.ListBackupJobsCommand';
      const none = await verify({ [key]: onlyFor(DB, { BackupJobs: [] }, healthy(key)) });
      expect(fact(none, 'backup-job', DB)).toMatchObject({
        status: 'failing',
        detail: 'no finished backup job in the jobs AWS Backup lists (30 days)',
      });
      const deniedList = await verify({ [key]: denied('backup:ListBackupJobs') });
      expect(fact(deniedList, 'backup-job', DB).status).toBe('UNKNOWN');
      expect(claim(deniedList, 'DATA-2')?.status).toBe('UNKNOWN');
    });

    test('a copy only to another vault does not count: DATA-3 fails', async () => {
      const key = 'BackupClient.ListCopyJobsCommand';
      const elsewhere = `arn:aws:backup:${RECOVERY}:${ACCOUNT}:backup-vault:someone-elses-vault`;
      const report = await verify({
        [key]: onlyFor(DB, { CopyJobs: [copyJob(DB, 'COMPLETED', 2, elsewhere)] }, healthy(key)),
      });
      expect(fact(report, 'copy-job', DB).status).toBe('failing');
      expect(claim(report, 'DATA-3')?.status).toBe('failing');
      expect(claim(report, 'DATA-2')?.status).toBe('verified');
    });

    test('restore tests: a failed validation fails, one 9 days old is stale, a restore still validating waits for the last verdict', async () => {
      const key = 'BackupClient.ListRestoreJobsByProtectedResourceCommand';
      const failedValidation = await verify({
        [key]: { RestoreJobs: [restoreTest('COMPLETED', 'FAILED', 5), restoreTest('COMPLETED', 'SUCCESSFUL', 100)] },
      });
      expect(fact(failedValidation, 'restore-test', DB)).toMatchObject({ status: 'failing' });
      expect(fact(failedValidation, 'restore-test', DB).detail).toContain('ended COMPLETED, validation FAILED');
      const old = await verify({ [key]: { RestoreJobs: [restoreTest('COMPLETED', 'SUCCESSFUL', 9 * 24)] } });
      expect(fact(old, 'restore-test', DB)).toMatchObject({ status: 'failing', ageHours: 216, maxAgeHours: 192 });
      const validating = await verify({
        [key]: {
          RestoreJobs: [restoreTest('COMPLETED', 'VALIDATING', 1), restoreTest('COMPLETED', 'SUCCESSFUL', 150)],
        },
      });
      expect(fact(validating, 'restore-test', DB)).toMatchObject({ status: 'verified', ageHours: 150 });
    });

    test('a restore job no restore testing plan started is not a restore test', async () => {
      const manual = { ...restoreTest('COMPLETED', 'SUCCESSFUL', 1), CreatedBy: {} };
      const report = await verify({
        'BackupClient.ListRestoreJobsByProtectedResourceCommand': { RestoreJobs: [manual] },
      });
      expect(fact(report, 'restore-test', DB).detail).toBe(
        'no finished restore test in the jobs AWS Backup lists (30 days)',
      );
    });
  });

  describe('replication and the newest dump (S3 and CloudWatch: served by moto)', () => {
    test('the upload bucket without its replication configuration fails DATA-3', async () => {
      await c.s3[PRIMARY].send(new DeleteBucketReplicationCommand({ Bucket: UPLOADS }));
      try {
        const report = await verify();
        expect(fact(report, 'replication-config')).toMatchObject({
          status: 'failing',
          detail: 'has no replication configuration',
        });
        expect(claim(report, 'DATA-3')?.status).toBe('failing');
      } finally {
        await putUploadsReplication(c);
      }
    });

    test('failed replication operations or a replication over 15 minutes in the last hour fail', async () => {
      await putReplicationMetrics(c, 3, 1200);
      const report = await verify();
      expect(fact(report, 'replication-metrics')).toMatchObject({
        status: 'failing',
        detail: 'last hour: failed operations 3, longest replication 1200 s (at most 0 failed and 900 s allowed)',
      });
      // The metrics are an hour's: two hours on, the bad datapoints are out of the window.
      expect(fact(await verify({}, {}, inFuture(2)), 'replication-metrics').status).toBe('verified');
    });

    test('the newest dump 27 h old is stale (failing, with its age); an empty dump bucket fails', async () => {
      const later = await verify({}, {}, inFuture(27));
      const f = fact(later, 'dump-age');
      expect(f.status).toBe('failing');
      expect(f.ageHours).toBeGreaterThanOrEqual(27);
      expect(f.detail).toMatch(/^stale: newest dump dumps\/ref-db\.sql\.gpg .* h ago, older than the 26 h window$/);
      expect(claim(later, 'REST-3')?.status).toBe('failing');
      await c.s3[PRIMARY].send(new DeleteObjectCommand({ Bucket: DUMPS, Key: 'dumps/ref-db.sql.gpg' }));
      try {
        expect(fact(await verify(), 'dump-age')).toMatchObject({ status: 'failing', detail: 'holds no dump object' });
      } finally {
        await c.s3[PRIMARY].send(
          new PutObjectCommand({ Bucket: DUMPS, Key: 'dumps/ref-db.sql.gpg', Body: 'pgp message' }),
        );
      }
    });
  });

  describe('GuardDuty (served) and Security Hub standards (GetEnabledStandards shaped)', () => {
    test('a detector without runtime monitoring fails MONITOR-2; no detector in the recovery region fails', async () => {
      const [id] = (await c.guardDuty[PRIMARY].send(new ListDetectorsCommand({}))).DetectorIds ?? [];
      await c.guardDuty[PRIMARY].send(
        new UpdateDetectorCommand({
          DetectorId: id,
          Features: DETECTOR_FEATURES.map((f) => (f.Name === 'RUNTIME_MONITORING' ? { ...f, Status: 'DISABLED' } : f)),
        }),
      );
      const [recoveryId] = (await c.guardDuty[RECOVERY].send(new ListDetectorsCommand({}))).DetectorIds ?? [];
      await c.guardDuty[RECOVERY].send(new DeleteDetectorCommand({ DetectorId: recoveryId }));
      try {
        const report = await verify();
        expect(report.facts.find((f) => f.id === `guardduty-features ${PRIMARY} GuardDuty detector`)?.detail).toContain(
          'lacks RUNTIME_MONITORING',
        );
        expect(report.facts.find((f) => f.id === `guardduty-features ${RECOVERY} GuardDuty detector`)).toMatchObject({
          status: 'failing',
          detail: 'no detector in the region',
        });
        expect(claim(report, 'MONITOR-2')?.status).toBe('failing');
      } finally {
        await c.guardDuty[PRIMARY].send(
          new UpdateDetectorCommand({ DetectorId: id, Features: [...DETECTOR_FEATURES] }),
        );
        await c.guardDuty[RECOVERY].send(new CreateDetectorCommand({ Enable: true, Features: [...DETECTOR_FEATURES] }));
      }
    });

    test('the standard not READY fails; a hub not enabled fails; a denied read is UNKNOWN', async () => {
      const key = 'SecurityHubClient.GetEnabledStandardsCommand';
      const incomplete = await verify({
        [key]: { StandardsSubscriptions: [{ StandardsArn: FSBP_ARN, StandardsStatus: 'INCOMPLETE' }] },
      });
      expect(fact(incomplete, 'securityhub-standards').detail).toBe(
        'AWS Foundational Security Best Practices is INCOMPLETE, not READY',
      );
      const notEnabled = Object.assign(new Error('Account 123456789012 is not subscribed to AWS Security Hub'), {
        name: 'InvalidAccessException',
      });
      expect(fact(await verify({ [key]: notEnabled }), 'securityhub-standards')).toMatchObject({
        status: 'failing',
        detail: 'Security Hub is not enabled in the region',
      });
      const unreadable = await verify({ [key]: denied('securityhub:GetEnabledStandards') });
      expect(fact(unreadable, 'securityhub-standards').status).toBe('UNKNOWN');
      expect(claim(unreadable, 'MONITOR-2')?.status).toBe('UNKNOWN');
    });
  });

  describe('the trail (DescribeTrails, ListTags, GetTrailStatus: served)', () => {
    const TRAIL = 'ref-Monitoring-AuditTrail49D399D8-ABC123';
    test('a trail that stopped logging fails MONITOR-1', async () => {
      await c.cloudTrail.send(new StopLoggingCommand({ Name: TRAIL }));
      try {
        const report = await verify();
        expect(fact(report, 'trail-status')).toMatchObject({ status: 'failing', detail: 'is not logging' });
        expect(claim(report, 'MONITOR-1')?.status).toBe('failing');
      } finally {
        await c.cloudTrail.send(new StartLoggingCommand({ Name: TRAIL }));
      }
    });

    test("no delivery for 3 h is stale; a delivery error fails (LatestDeliveryError: added to moto's answer)", async () => {
      expect(fact(await verify({}, {}, inFuture(3)), 'trail-status')).toMatchObject({
        status: 'failing',
        maxAgeHours: 2,
      });
      const report = await verify(
        {},
        {
          'CloudTrailClient.GetTrailStatusCommand': (output) => ({
            ...output,
            LatestDeliveryError: 'AccessDenied: the bucket policy denies CloudTrail',
          }),
        },
      );
      expect(fact(report, 'trail-status').detail).toBe(
        'delivery fails: AccessDenied: the bucket policy denies CloudTrail',
      );
    });

    test('no trail tagged with the platform: failing, saying what was looked for', async () => {
      const arn = (await c.cloudTrail.send(new DescribeTrailsCommand({}))).trailList?.[0]?.TrailARN ?? '';
      await c.cloudTrail.send(
        new RemoveTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'pocketcity:platform', Value: 'ref' }] }),
      );
      try {
        expect(fact(await verify(), 'trail-status')).toMatchObject({
          status: 'failing',
          detail: 'no trail of this region is tagged pocketcity:platform=ref',
        });
      } finally {
        await c.cloudTrail.send(
          new AddTagsCommand({ ResourceId: arn, TagsList: [{ Key: 'pocketcity:platform', Value: 'ref' }] }),
        );
      }
    });
  });

  describe("stack drift (DescribeStacks served; its DriftInformation added to moto's answer)", () => {
    test('DRIFTED fails every claim; a drift detection 9 days old is stale; never detected is UNKNOWN', async () => {
      const drifted = await verify({}, { 'CloudFormationClient.DescribeStacksCommand': driftOf('DRIFTED', 1) });
      expect(fact(drifted, 'stack-drift', 'ref-Data')).toMatchObject({ status: 'failing' });
      expect(drifted.claims.filter((x) => x.kind !== 'organisational').every((x) => x.status === 'failing')).toBe(true);
      const old = await verify({}, { 'CloudFormationClient.DescribeStacksCommand': driftOf('IN_SYNC', 9 * 24) });
      expect(fact(old, 'stack-drift', 'ref-Data')).toMatchObject({
        status: 'failing',
        ageHours: 216,
        maxAgeHours: 192,
      });
      // moto's own answer carries no drift information, as for a stack whose drift was never detected.
      const never = await verify({}, { 'CloudFormationClient.DescribeStacksCommand': (output) => output });
      expect(fact(never, 'stack-drift', 'ref-Data').status).toBe('UNKNOWN');
      expect(fact(never, 'stack-drift', 'ref-Data').detail).toContain(
        "run 'aws cloudformation detect-stack-drift --stack-name ref-Data",
      );
      expect(never.claims.find((x) => x.id === 'RESPONSE-1')?.status).toBe('UNKNOWN');
    });

    test('a platform stack not deployed fails', async () => {
      await c.cloudFormation[PRIMARY].send(new DeleteStackCommand({ StackName: 'ref-Service' }));
      try {
        expect(fact(await verify(), 'stack-drift', 'ref-Service')).toMatchObject({
          status: 'failing',
          detail: 'is not deployed',
        });
      } finally {
        await c.cloudFormation[PRIMARY].send(
          new CreateStackCommand({
            StackName: 'ref-Service',
            TemplateBody: JSON.stringify({
              Resources: { Placeholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
            }),
          }),
        );
      }
    });
  });

  test("credentials of another account than the environment's fail every claim, saying so", async () => {
    const report = await verify({ 'STSClient.GetCallerIdentityCommand': { Account: '999999999999' } });
    expect(report.account).toBe('999999999999');
    expect(fact(report, 'credentials')).toMatchObject({ status: 'failing' });
    expect(fact(report, 'credentials').detail).toMatch(
      /^are for account 999999999999, but environment 'ref' deploys to 123456789012/,
    );
    expect(report.claims.filter((x) => x.kind !== 'organisational').every((x) => x.status === 'failing')).toBe(true);
  });
});
