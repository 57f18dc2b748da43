import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ConfigServiceClient, PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import { CreateDetectorCommand, DetectorFeatureConfiguration, GuardDutyClient } from '@aws-sdk/client-guardduty';
import {
  CreateBucketCommand,
  PutBucketReplicationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { managedConfigRules } from '../../lib/compliance/continuity/config-rules-by-claim';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../lib/compliance/template/stage-model';
import { platformEnvironments } from '../../lib/compliance/template/template-values';
import { selectEnvironment } from '../../lib/cli/preflight/environment';
import { verifyTargets, VerifyTargets } from '../../lib/cli/verify/targets';
import { MotoServer, startMoto } from '../preflight/moto-server';
import { ACCOUNT } from './shaped-answers';

export const PRIMARY = 'eu-west-1';
export const RECOVERY = 'eu-central-1';
export const UPLOADS = `ref-uploads-${ACCOUNT}-${PRIMARY}`;
export const UPLOADS_REPLICA = `ref-uploads-replica-${ACCOUNT}-${RECOVERY}`;
export const DUMPS = `ref-dumps-${ACCOUNT}-${PRIMARY}`;
export const REPLICATION_RULE = 'ReplicateEverythingToRecoveryRegion';
const TRAIL_BUCKET = `ref-trail-${ACCOUNT}`;

/** Each Config rule's input parameters as the templates give them, by rule name (moto requires the required ones). */
function ruleParameters(assemblyDir: string): Map<string, string> {
  const model = stageModels(PlatformAssembly.fromDirectory(assemblyDir)).find((m) => m.name === 'ref');
  const out = new Map<string, string>();
  for (const { rule } of managedConfigRules(model!)) {
    const name = model!.text(rule, rule.props.ConfigRuleName);
    if (name && rule.props.InputParameters)
      out.set(name, JSON.stringify(model!.literal(rule, rule.props.InputParameters)));
  }
  return out;
}

/** The targets verify derives from the reference assembly (the names the state below must carry). */
export function referenceTargets(assemblyDir: string): VerifyTargets {
  const selected = selectEnvironment(
    platformEnvironments(PlatformAssembly.fromDirectory(assemblyDir)),
    'ref',
    assemblyDir,
  );
  return verifyTargets(selected, ACCOUNT);
}

export const DETECTOR_FEATURES: readonly DetectorFeatureConfiguration[] = [
  { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
  { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
  {
    Name: 'RUNTIME_MONITORING',
    Status: 'ENABLED',
    AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }],
  },
];

export interface Clients {
  readonly s3: Record<string, S3Client>;
  readonly config: Record<string, ConfigServiceClient>;
  readonly guardDuty: Record<string, GuardDutyClient>;
  readonly cloudTrail: CloudTrailClient;
  readonly cloudWatch: CloudWatchClient;
  readonly cloudFormation: Record<string, CloudFormationClient>;
  destroy(): void;
}

export function clients(endpoint: string): Clients {
  const both = <T>(make: (region: string) => T) => ({ [PRIMARY]: make(PRIMARY), [RECOVERY]: make(RECOVERY) });
  const s3 = both((region) => new S3Client({ region, endpoint, forcePathStyle: true }));
  const config = both((region) => new ConfigServiceClient({ region, endpoint }));
  const guardDuty = both((region) => new GuardDutyClient({ region, endpoint }));
  const cloudFormation = both((region) => new CloudFormationClient({ region, endpoint }));
  const cloudTrail = new CloudTrailClient({ region: PRIMARY, endpoint });
  const cloudWatch = new CloudWatchClient({ region: PRIMARY, endpoint });
  return {
    s3,
    config,
    guardDuty,
    cloudTrail,
    cloudWatch,
    cloudFormation,
    destroy: () => {
      for (const c of [
        ...Object.values(s3),
        ...Object.values(config),
        ...Object.values(guardDuty),
        ...Object.values(cloudFormation),
        cloudTrail,
        cloudWatch,
      ])
        c.destroy();
    },
  };
}

/** The replication metrics of the last hour, as S3 publishes them under AWS/S3. */
export async function putReplicationMetrics(c: Clients, failed: number, latencySeconds: number): Promise<void> {
  const Dimensions = [
    { Name: 'SourceBucket', Value: UPLOADS },
    { Name: 'DestinationBucket', Value: UPLOADS_REPLICA },
    { Name: 'RuleId', Value: REPLICATION_RULE },
  ];
  await c.cloudWatch.send(
    new PutMetricDataCommand({
      Namespace: 'AWS/S3',
      MetricData: [
        {
          MetricName: 'OperationsFailedReplication',
          Dimensions,
          Value: failed,
          Timestamp: new Date(Date.now() - 600_000),
        },
        {
          MetricName: 'ReplicationLatency',
          Dimensions,
          Value: latencySeconds,
          Timestamp: new Date(Date.now() - 600_000),
        },
      ],
    }),
  );
}

/** moto on loopback with the reference of `assemblyDir` deployed in it, its clients, and how to take both down. */
export interface DeployedReference {
  readonly moto: MotoServer;
  readonly clients: Clients;
  stop(): Promise<void>;
}

export async function startDeployedReference(assemblyDir: string): Promise<DeployedReference> {
  const moto = await startMoto();
  const c = clients(moto.endpoint);
  await deployReference(c, referenceTargets(assemblyDir), assemblyDir);
  return {
    moto,
    clients: c,
    stop: async () => {
      c.destroy();
      await moto.stop();
    },
  };
}

/**
 * The reference platform as deployed, created through the SDK in moto: its Config rules in both regions, the upload
 * bucket replicating to its replica, a fresh dump object, last-hour replication metrics, a GuardDuty detector with
 * every feature in both regions, the tagged trail logging, and a stack (a placeholder template) per platform stack.
 */
export async function deployReference(c: Clients, targets: VerifyTargets, assemblyDir: string): Promise<void> {
  const parameters = ruleParameters(assemblyDir);
  for (const rule of targets.rules)
    await c.config[rule.region].send(
      new PutConfigRuleCommand({
        ConfigRule: {
          ConfigRuleName: rule.ruleName,
          Source: { Owner: 'AWS', SourceIdentifier: rule.identifier },
          InputParameters: parameters.get(rule.ruleName),
        },
      }),
    );
  for (const [bucket, region] of [
    [UPLOADS, PRIMARY],
    [UPLOADS_REPLICA, RECOVERY],
    [DUMPS, PRIMARY],
    [TRAIL_BUCKET, PRIMARY],
  ] as const) {
    await c.s3[region].send(
      new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } }),
    );
    await c.s3[region].send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  }
  await putUploadsReplication(c);
  await c.s3[PRIMARY].send(new PutObjectCommand({ Bucket: DUMPS, Key: 'dumps/ref-db.sql.gpg', Body: 'pgp message' }));
  await putReplicationMetrics(c, 0, 40);
  for (const region of [PRIMARY, RECOVERY])
    await c.guardDuty[region].send(new CreateDetectorCommand({ Enable: true, Features: [...DETECTOR_FEATURES] }));
  await c.cloudTrail.send(
    new CreateTrailCommand({
      Name: 'ref-Monitoring-AuditTrail49D399D8-ABC123',
      S3BucketName: TRAIL_BUCKET,
      IsMultiRegionTrail: true,
      TagsList: [{ Key: 'pocketcity:platform', Value: 'ref' }],
    }),
  );
  await c.cloudTrail.send(new StartLoggingCommand({ Name: 'ref-Monitoring-AuditTrail49D399D8-ABC123' }));
  for (const stack of targets.stacks)
    await c.cloudFormation[stack.region].send(
      new CreateStackCommand({
        StackName: stack.stackName,
        TemplateBody: JSON.stringify({
          Resources: { Placeholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
        }),
      }),
    );
}

export async function putUploadsReplication(c: Clients): Promise<void> {
  await c.s3[PRIMARY].send(
    new PutBucketReplicationCommand({
      Bucket: UPLOADS,
      ReplicationConfiguration: {
        Role: `arn:aws:iam::${ACCOUNT}:role/ref-uploads-replication`,
        Rules: [
          {
            ID: REPLICATION_RULE,
            Priority: 1,
            Status: 'Enabled',
            Filter: { Prefix: '' },
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: {
              Bucket: `arn:aws:s3:::${UPLOADS_REPLICA}`,
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
              Metrics: { Status: 'Enabled', EventThreshold: { Minutes: 15 } },
            },
          },
        ],
      },
    }),
  );
}
