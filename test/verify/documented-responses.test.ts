import { UpdateDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { DeleteBucketReplicationCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { runVerify, VerifyReport } from '../../lib/cli/verify';
import type { LiveFact } from '../../lib/cli/verify';
import { LIVE_FACTS, LiveFactKind } from '../../lib/core/requirements/live-facts';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { describeWithEmulator } from '../preflight/moto-server';
import { AnsweringProxy, Answers, startAnsweringProxy } from './answering-proxy';
import {
  Clients,
  DeployedReference,
  DETECTOR_FEATURES,
  DUMPS,
  PRIMARY,
  putReplicationMetrics,
  startDeployedReference,
  UPLOADS,
} from './deployed-state';
import { asWritten, DENY_ALL, documentedAnswers, fixture } from './documented-answers';
import { Augments, driftOf, IN_SYNC, shaping } from './shaped-answers';

/**
 * Every reader of verify, through its real SDK client, in four accounts: healthy, stale, failing and unreadable. The
 * calls moto 5.2.5 serves go to moto on loopback (state made through the SDK, deployed-state.ts); the calls it does
 * not serve are answered on the wire with AWS's documented responses (test/fixtures/aws-responses, each with its
 * source) by a loopback proxy in front of moto, so the SDK's own deserializer reads them.
 */

/** Every kind of fact core asks verify for. */
const READERS = Object.keys(LIVE_FACTS) as LiveFactKind[];
const WINDOWED = READERS.filter((k) => LIVE_FACTS[k].maxAgeHours !== undefined);
const READ_NOW = READERS.filter((k) => LIVE_FACTS[k].maxAgeHours === undefined);
const DOCUMENTED = [
  'config.GetComplianceDetailsByConfigRule',
  'backup.ListBackupJobs',
  'backup.ListCopyJobs',
  'backup.ListRestoreJobsByProtectedResource',
  'securityhub.GetEnabledStandards',
];
const DB = `arn:aws:rds:${PRIMARY}:123456789012:cluster:ref-db`;
// A change-triggered rule has no window; this periodic one has core's 26 h.
const PERIODIC_RULE = 'ref-aurora-resources-protected-by-backup-plan';
const RULE = 'ref-s3-bucket-versioning-enabled-uploads';

describeWithEmulator('verify on AWS documented responses and moto, reader by reader', () => {
  let deployed: DeployedReference;
  let proxy: AnsweringProxy;
  let c: Clients;

  beforeAll(async () => {
    deployed = await startDeployedReference(REFERENCE_ASSEMBLY_DIR);
    c = deployed.clients;
    proxy = await startAnsweringProxy(deployed.moto.endpoint);
  });

  afterAll(async () => {
    await proxy.close();
    await deployed.stop();
  });

  const verify = (answers: Answers, augments: Augments = IN_SYNC, hoursAhead = 0): Promise<VerifyReport> => {
    proxy.use(answers);
    return runVerify({
      assembly: REFERENCE_ASSEMBLY_DIR,
      endpoint: proxy.endpoint,
      // Only to add DescribeStacks' DriftInformation, which moto leaves out (no documented example carries it).
      middleware: shaping({}, augments),
      now: () => new Date(Date.now() + hoursAhead * 3_600_000),
    });
  };
  const facts = (report: VerifyReport, kind: string): LiveFact[] => {
    const found = report.facts.filter((f) => f.kind === kind);
    if (found.length === 0) throw new Error(`no ${kind} fact: ${report.facts.map((f) => f.id).join(', ')}`);
    return found;
  };
  const one = (report: VerifyReport, kind: string, subject: string): LiveFact => {
    const found = facts(report, kind).find((f) => f.subject.includes(subject));
    if (!found) throw new Error(`no ${kind} fact for ${subject}`);
    return found;
  };

  test('the fixtures name their source, the day read, and what the tests replace', () => {
    for (const key of DOCUMENTED) {
      const [service, operation] = key.split('.');
      const f = fixture(service, operation);
      expect(f.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(f.read).toBe('2026-12-07');
      expect(['checked-against-example', 'response-syntax']).toContain(f.source_kind);
      expect(Object.keys(f.substituted).length).toBeGreaterThan(0);
    }
  });

  describe('present and fresh: verified', () => {
    let report: VerifyReport;
    beforeAll(async () => {
      report = await verify(documentedAnswers({ hoursAgo: 2 }));
    });

    test.each(READERS)('%s', (kind) => {
      for (const f of facts(report, kind))
        expect(`${f.id}: ${f.status} ${f.detail}`).toBe(`${f.id}: verified ${f.detail}`);
    });

    test('the five calls moto does not serve were answered from the documented responses, and every claim is verified', () => {
      expect(new Set(proxy.answered)).toEqual(new Set(DOCUMENTED));
      expect(report.verified).toBe(true);
      // CompletionDate crossed the wire as epoch seconds and came back as a time 2 h old.
      expect(one(report, 'backup-job', DB).ageHours).toBe(2);
    });
  });

  describe('stale (older than the window in lib/core/requirements/live-facts.ts): failing', () => {
    let report: VerifyReport;
    beforeAll(async () => {
      // Nine days on (past every window, the longest being 8 days), and ListBackupJobs exactly as documented.
      report = await verify(
        { ...documentedAnswers({ hoursAgo: 2 }), ...asWritten('backup', 'ListBackupJobs') },
        IN_SYNC,
        9 * 24,
      );
    });

    test.each(WINDOWED)('%s', (kind) => {
      const windowed = facts(report, kind).filter((f) => kind !== 'config-rule' || f.subject === PERIODIC_RULE);
      expect(windowed.length).toBeGreaterThan(0);
      for (const f of windowed) {
        expect(f.status).toBe('failing');
        expect(f.detail).toMatch(new RegExp(`^stale: .*, [\\d.]+ h ago, older than the ${f.maxAgeHours} h window$`));
      }
    });

    test.each(READ_NOW)('%s has no window: the account is read now, so it has no age to judge', (kind) => {
      for (const f of facts(report, kind)) expect(f).toMatchObject({ status: 'verified', maxAgeHours: undefined });
    });

    test("the fixture's COMPLETED job (1 December 2025) is the fact's time", () => {
      expect(one(report, 'backup-job', DB)).toMatchObject({
        status: 'failing',
        asOf: '2025-12-01T00:56:02.375Z',
        maxAgeHours: 26,
      });
    });
  });

  describe('access denied: UNKNOWN, naming the error, never verified', () => {
    let report: VerifyReport;
    beforeAll(async () => {
      report = await verify(DENY_ALL);
    });

    test.each(READERS)('%s', (kind) => {
      for (const f of facts(report, kind)) {
        expect(f.status).toBe('UNKNOWN');
        expect(f.detail).toMatch(/^could not be read: AccessDenied(Exception)?: .*not authorized to perform/);
      }
    });

    test('every infrastructure claim is UNKNOWN', () => {
      expect(report.claims.filter((x) => x.kind !== 'organisational').map((x) => x.status)).toEqual(
        report.claims.filter((x) => x.kind !== 'organisational').map(() => 'UNKNOWN'),
      );
    });
  });

  describe('missing (the account answers, but cannot establish the fact): UNKNOWN', () => {
    test('no evaluation result yet, and a stack whose drift was never detected', async () => {
      const report = await verify(
        {
          ...documentedAnswers({ hoursAgo: 2 }),
          'config.GetComplianceDetailsByConfigRule': () => ({ json: { EvaluationResults: [] } }),
        },
        { 'CloudFormationClient.DescribeStacksCommand': (output) => output },
      );
      expect(one(report, 'config-rule', RULE).detail).toContain('no evaluation result yet');
      for (const kind of ['config-rule', 'stack-drift'])
        for (const f of facts(report, kind)) expect(f.status).toBe('UNKNOWN');
    });
  });

  // Last: it changes moto's state for good.
  describe('failing status: failing', () => {
    let report: VerifyReport;
    let answered: string[];
    beforeAll(async () => {
      await c.s3[PRIMARY].send(new DeleteBucketReplicationCommand({ Bucket: UPLOADS }));
      await putReplicationMetrics(c, 3, 1200);
      await c.s3[PRIMARY].send(new DeleteObjectCommand({ Bucket: DUMPS, Key: 'dumps/ref-db.sql.gpg' }));
      const [id] = (await c.guardDuty[PRIMARY].send(new ListDetectorsCommand({}))).DetectorIds ?? [];
      await c.guardDuty[PRIMARY].send(
        new UpdateDetectorCommand({
          DetectorId: id,
          Features: DETECTOR_FEATURES.map((f) => (f.Name === 'RUNTIME_MONITORING' ? { ...f, Status: 'DISABLED' } : f)),
        }),
      );
      await c.cloudTrail.send(new StopLoggingCommand({ Name: 'ref-Monitoring-AuditTrail49D399D8-ABC123' }));
      report = await verify(
        {
          ...documentedAnswers({ hoursAgo: 2, failed: true }),
          // As written: three NON_COMPLIANT instances, and PCI DSS the only standard.
          ...asWritten('config', 'GetComplianceDetailsByConfigRule'),
          ...asWritten('securityhub', 'GetEnabledStandards'),
        },
        { 'CloudFormationClient.DescribeStacksCommand': driftOf('DRIFTED', 1) },
      );
      answered = [...proxy.answered];
    });

    test.each(READERS)('%s', (kind) => {
      const all = facts(report, kind);
      // Hygiene rules judge the whole account: listed, not failed (config-rules.ts).
      const judged = kind === 'config-rule' ? all.filter((f) => !f.detail.includes('account hygiene')) : all;
      const bad = kind === 'guardduty-features' ? judged.filter((f) => f.region === PRIMARY) : judged;
      expect(bad.length).toBeGreaterThan(0);
      for (const f of bad) expect(`${f.id}: ${f.status}`).toBe(`${f.id}: failing`);
    });

    test('the documented responses read as AWS means them', () => {
      expect(answered).toEqual(expect.arrayContaining(DOCUMENTED));
      expect(one(report, 'config-rule', RULE).detail).toContain(
        'AWS::EC2::Instance i-0c0ffee0000000001 NON_COMPLIANT (evaluated 2025-12-01T01:30:05.125Z)',
      );
      expect(facts(report, 'securityhub-standards')[0].detail).toBe(
        'AWS Foundational Security Best Practices is not enabled',
      );
      expect(one(report, 'backup-job', DB).detail).toContain(
        '(Backup job failed because the IAM role was not authorized)',
      );
      expect(one(report, 'restore-test', DB).detail).toMatch(
        /ended COMPLETED, validation FAILED at .* \(table app\.accounts has 0 rows\)/,
      );
      expect(report.verified).toBe(false);
    });
  });
});
