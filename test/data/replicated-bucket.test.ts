import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformConstructError } from '../../lib/core/errors';
import { DATA_CLASSIFICATION_TAG } from '../../lib/core/requirements/data-classification';
import { REPLICATION_RULE_ID } from '../../lib/data/encrypted-upload-bucket';
import { ReplicatedBucket } from '../../lib/data/replicated-bucket';
import { SecureQueue } from '../../lib/data/secure-queue';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from '../support/cdk-json-app';
import { TEST_NOW } from '../support/reference-constants';
import { ValidationReport } from '../support/shared-validation-report';

const ACCOUNT = '111122223333';
const primary = { account: ACCOUNT, region: 'eu-west-1' };
const recovery = { account: ACCOUNT, region: 'eu-central-1' };

/** A Workloads stack and its recovery-region stack, a ReplicatedBucket across them (no packs: templates only). */
function workloads(props: { replicaEnv?: typeof recovery } = {}) {
  const app = new App();
  const source = new Stack(app, 'Workloads', { env: primary });
  const replicaStack = new Stack(app, 'WorkloadsRecovery', { env: props.replicaEnv ?? recovery });
  const topic = new sns.Topic(source, 'Alerts');
  const reports = new ReplicatedBucket(source, 'Reports', { replicaScope: replicaStack, alarmTopic: topic });
  return { app, source, replicaStack, reports };
}

describe('ReplicatedBucket', () => {
  const { source, replicaStack } = workloads();
  const sourceTemplate = Template.fromStack(source);
  const replicaTemplate = Template.fromStack(replicaStack);
  const REPLICA = `workloads-reports-replica-${ACCOUNT}-eu-central-1`;
  const ROLE = 'workloads-reports-replication-eu-west-1';

  test('encrypts with its own rotated key, versions, blocks public access, refuses plain HTTP and logs access', () => {
    sourceTemplate.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      ReplicationConfiguration: Match.anyValue(),
    });
    sourceTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    sourceTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('replicates everything with Replication Time Control to the replica, under its key by alias', () => {
    sourceTemplate.hasResourceProperties('AWS::S3::Bucket', {
      ReplicationConfiguration: {
        Role: Match.anyValue(),
        Rules: [
          Match.objectLike({
            Id: REPLICATION_RULE_ID,
            Status: 'Enabled',
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: Match.objectLike({
              Bucket: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${REPLICA}`]] },
              EncryptionConfiguration: {
                ReplicaKmsKeyID: {
                  'Fn::Join': [
                    '',
                    ['arn:', { Ref: 'AWS::Partition' }, `:kms:eu-central-1:${ACCOUNT}:alias/workloads-reports/replica`],
                  ],
                },
              },
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
              Metrics: Match.objectLike({ Status: 'Enabled' }),
            }),
          }),
        ],
      },
    });
    sourceTemplate.hasResourceProperties('AWS::IAM::Role', { RoleName: ROLE });
  });

  test('the replica, its key and alias stand in the other region, named as the source names them', () => {
    replicaTemplate.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: REPLICA,
      VersioningConfiguration: { Status: 'Enabled' },
    });
    replicaTemplate.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/workloads-reports/replica' });
    replicaTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    // Only the replication role (by its ARN, before it exists) writes replicas.
    replicaTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ReplicationRoleWritesReplicas',
            Condition: {
              ArnEquals: {
                'aws:PrincipalArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:role/${ROLE}`]],
                },
              },
            },
          }),
        ]),
      },
    });
    expect(source.dependencies).toContain(replicaStack);
  });

  test('alarms with an action on failed replication and on latency beyond 15 minutes', () => {
    for (const [metric, threshold] of [
      ['OperationsFailedReplication', 0],
      ['ReplicationLatency', 900],
    ] as const) {
      sourceTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/S3',
        MetricName: metric,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alerts') }],
        Dimensions: Match.arrayWith([
          { Name: 'DestinationBucket', Value: REPLICA },
          { Name: 'RuleId', Value: REPLICATION_RULE_ID },
        ]),
      });
    }
  });

  test('is not declared customer data, nor is its replica', () => {
    for (const t of [sourceTemplate, replicaTemplate]) {
      for (const bucket of Object.values(t.findResources('AWS::S3::Bucket'))) {
        const tags = (bucket.Properties?.Tags ?? []) as { Key: string }[];
        expect(tags.map((tag) => tag.Key)).not.toContain(DATA_CLASSIFICATION_TAG);
      }
    }
  });

  test('shares one access-log bucket per stack between ReplicatedBuckets', () => {
    const { source: s, replicaStack: r } = workloads();
    new ReplicatedBucket(s, 'Exports', {
      replicaScope: r,
      alarmTopic: s.node.findChild('Alerts') as sns.ITopic,
    });
    // Per stack: the two own buckets (or replicas) and one access-log bucket.
    Template.fromStack(s).resourceCountIs('AWS::S3::Bucket', 3);
    Template.fromStack(r).resourceCountIs('AWS::S3::Bucket', 3);
  });

  test('keeps the cross-region names within S3’s and IAM’s limits, hashed, when the path is long', () => {
    const app = new App();
    const s = new Stack(app, 'AVeryLongWorkloadsStackNameOfTheTeam', { env: primary });
    const r = new Stack(app, 'Recovery', { env: recovery });
    const deep = new Construct(new Construct(s, 'CustomerFacingReportingService'), 'MonthlyStatements');
    new ReplicatedBucket(deep, 'ArchivedExports', { replicaScope: r, alarmTopic: new sns.Topic(s, 'T') });
    const [bucket] = Object.values(
      Template.fromStack(r).findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } }),
    );
    const name = bucket.Properties.BucketName as string;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^averylongworkloadsst-[0-9a-f]{8}-replica-111122223333-eu-central-1$/);
    const [role] = Object.values(
      Template.fromStack(s).findResources('AWS::IAM::Role', { Properties: { RoleName: Match.anyValue() } }),
    );
    expect((role.Properties.RoleName as string).length).toBeLessThanOrEqual(64);
  });

  test('fails when the replica would stand in the same region, naming the setting and the fix', () => {
    expect(() => workloads({ replicaEnv: primary })).toThrow(PlatformConstructError);
    expect(() => workloads({ replicaEnv: primary })).toThrow(
      /^\[ReplicatedBucket\.replicaScope\.region\] Workloads\/Reports: replicaScope = "WorkloadsRecovery": is in eu-west-1, this bucket's own region\. Fix: give a construct of a stack in the recovery region/,
    );
  });

  test('fails when a stack has no concrete account and region', () => {
    const app = new App();
    const s = new Stack(app, 'Agnostic');
    const r = new Stack(app, 'Recovery', { env: recovery });
    expect(() => new ReplicatedBucket(s, 'Reports', { replicaScope: r, alarmTopic: new sns.Topic(s, 'T') })).toThrow(
      /^\[ReplicatedBucket\.env\] Agnostic\/Reports: env = .*has no concrete account and region.*Fix: put the stack inside the PlatformStage/,
    );
  });
});

/**
 * GIVEN a team's Workloads stack inside the PlatformStage with a ReplicatedBucket and a SecureQueue (its replica in a
 * stack of the recovery region), WHEN synthesized with every pack as `cdk synth` runs them, THEN neither the gate nor
 * the evidence finds anything of the team's, with no acknowledgment written by the team.
 */
describe('ReplicatedBucket and SecureQueue inside a PlatformStage, every pack on', () => {
  const ENV = 'own';
  let outdir: string;
  let report: ValidationReport;
  let synthError: unknown;

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'replicated-bucket-'));
    const app = cdkJsonApp({ outdir });
    const config = referencePlatformConfig({ environmentName: ENV }, TEST_NOW);
    const stage = new PlatformStage(app, ENV, { config, now: TEST_NOW });
    const env = { account: stage.account, region: stage.region };
    const own = new Stack(stage, 'Workloads', { env });
    const ownRecovery = new Stack(stage, 'WorkloadsRecovery', {
      env: { account: stage.account, region: stage.config.recoveryRegion.region },
    });
    new SecureQueue(own, 'Orders');
    new ReplicatedBucket(own, 'Reports', { replicaScope: ownRecovery, alarmTopic: stage.monitoring.alerts.topic });
    try {
      app.synth();
    } catch (e) {
      synthError = e;
    }
    report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  }, 600_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const ownPath = (p: string | undefined) => /^own\/Workloads(Recovery)?\//.test(p ?? '');

  test('the synth gate finds nothing on the team’s stacks, every pack having judged them', () => {
    const findings = report.pluginReports.flatMap((p) =>
      (p.violations ?? []).flatMap((v) =>
        (v.violatingConstructs ?? [{}]).map((c) => `${p.pluginName}: ${v.ruleName} ${c.constructPath ?? '-'}`),
      ),
    );
    expect(findings.filter((f) => / own\/Workloads/.test(f))).toEqual([]);
    // Judged, not skipped: every pack reports on the own stacks' constructs (their acknowledgments included).
    const judged = report.pluginReports.filter((p) =>
      (p.suppressedViolations ?? []).some((v) => (v.violatingConstructs ?? []).some((c) => ownPath(c.constructPath))),
    );
    expect(judged.map((p) => p.pluginName).sort()).toEqual(
      expect.arrayContaining(['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321']),
    );
    expect(synthError === undefined || !/own\/Workloads/.test(String(synthError))).toBe(true);
  });

  test('the only acknowledgments on the team’s stacks are the library’s own (replica not replicated again, SSE-S3 log buckets)', () => {
    const acknowledged = report.pluginReports.flatMap((p) =>
      (p.suppressedViolations ?? []).flatMap((v) =>
        (v.violatingConstructs ?? [])
          .filter((c) => ownPath(c.constructPath))
          .map((c) => `${v.ruleName.replace(/^[\w.]+-/, '')} ${c.constructPath!.split('/').slice(2, 4).join('/')}`),
      ),
    );
    expect([...new Set(acknowledged)].sort()).toEqual([
      'S3BucketReplicationEnabled ReplicatedBucketAccessLogs/Bucket',
      'S3BucketReplicationEnabled Workloads-Reports/Replica',
      'S3DefaultEncryptionKMS ReplicatedBucketAccessLogs/Bucket',
    ]);
  });

  test('the evidence judges both stacks in the environment as the gate did, the claims they touch proven', () => {
    const evidence = collectEvidence({ outdir, now: TEST_NOW });
    expect(evidence.strayStacks).toEqual([]);
    expect(evidence.integrity).toEqual([]);
    const [environment] = evidence.environments;
    expect(environment.stacks.map((s) => s.stackName)).toEqual(
      expect.arrayContaining([`${ENV}-Workloads`, `${ENV}-WorkloadsRecovery`]),
    );
    // Encrypted at rest, TLS only, replicated, access recorded: the claims a bucket and a queue of the team's touch.
    const touched = environment.claims.filter((c) => ['REST-1', 'TRANSIT-1', 'DATA-3', 'DATA-4'].includes(c.id));
    expect(touched.map((c) => `${c.id}: ${c.status}`)).toEqual([
      'DATA-3: proven',
      'DATA-4: proven',
      'TRANSIT-1: proven',
      'REST-1: proven',
    ]);
  });
});
