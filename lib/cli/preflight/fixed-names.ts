import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { flatten, PlatformEnvironment, prop } from '../../compliance/template/template-values';
import { absent, AwsSession, statusOf } from './session';

/** Why a name is taken (a sentence), or undefined when it is free; throws when it could not be asked. */
type Lookup = (aws: AwsSession, region: string, name: string) => Promise<string | undefined>;

interface FixedNameKind {
  readonly type: string;
  readonly property: string;
  /** IAM names are global: asked once, from the primary region. */
  readonly global?: boolean;
  /** The read-only call that asks, for the finding and the docs. */
  readonly call: string;
  readonly lookup: Lookup;
}

/** Asks with a call that fails with a "not found" error when the name is free. */
const existsUnless =
  (ask: (aws: AwsSession, region: string, name: string) => Promise<unknown>, taken: string): Lookup =>
  async (aws, region, name) => {
    try {
      await ask(aws, region, name);
      return taken;
    } catch (e) {
      if (absent(e)) return undefined;
      throw e;
    }
  };

/** Every kind of literal physical name the templates can fix, and how the account is asked about it. */
export const FIXED_NAME_KINDS = {
  bucket: {
    type: 'AWS::S3::Bucket',
    property: 'BucketName',
    call: 's3:ListBucket',
    lookup: async (aws, region, name) => {
      const { S3Client, HeadBucketCommand } = aws.sdk.s3;
      const s3 = aws.open(new S3Client({ ...aws.config(region), forcePathStyle: aws.emulated }));
      try {
        await s3.send(new HeadBucketCommand({ Bucket: name }));
        return 'exists in this account (a retained bucket of an earlier deploy?)';
      } catch (e) {
        // 403: the bucket exists and this identity may not read it, most often another account's (names are global).
        if (statusOf(e) === 403) return 'exists and is not readable here: another account owns it (names are global)';
        if (absent(e)) return undefined;
        throw e;
      }
    },
  },
  vault: {
    type: 'AWS::Backup::BackupVault',
    property: 'BackupVaultName',
    call: 'backup:DescribeBackupVault',
    lookup: existsUnless((aws, region, name) => {
      const { BackupClient, DescribeBackupVaultCommand } = aws.sdk.backup;
      return aws
        .open(new BackupClient(aws.config(region)))
        .send(new DescribeBackupVaultCommand({ BackupVaultName: name }));
    }, 'exists (a retained vault of an earlier deploy?)'),
  },
  secret: {
    type: 'AWS::SecretsManager::Secret',
    property: 'Name',
    call: 'secretsmanager:DescribeSecret',
    lookup: existsUnless((aws, region, name) => {
      const { SecretsManagerClient, DescribeSecretCommand } = aws.sdk.secrets;
      return aws.open(new SecretsManagerClient(aws.config(region))).send(new DescribeSecretCommand({ SecretId: name }));
    }, 'exists (or is scheduled for deletion)'),
  },
  'log group': {
    type: 'AWS::Logs::LogGroup',
    property: 'LogGroupName',
    call: 'logs:DescribeLogGroups',
    lookup: async (aws, region, name) => {
      const { CloudWatchLogsClient, DescribeLogGroupsCommand } = aws.sdk.logs;
      const logs = aws.open(new CloudWatchLogsClient(aws.config(region)));
      const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      return groups.logGroups?.some((g) => g.logGroupName === name) ? 'exists (retained log group?)' : undefined;
    },
  },
  role: {
    type: 'AWS::IAM::Role',
    property: 'RoleName',
    global: true,
    call: 'iam:GetRole',
    lookup: existsUnless((aws, region, name) => {
      const { IAMClient, GetRoleCommand } = aws.sdk.iam;
      return aws.open(new IAMClient(aws.config(region))).send(new GetRoleCommand({ RoleName: name }));
    }, 'exists'),
  },
  'key alias': {
    type: 'AWS::KMS::Alias',
    property: 'AliasName',
    call: 'kms:DescribeKey',
    lookup: existsUnless((aws, region, name) => {
      const { KMSClient, DescribeKeyCommand } = aws.sdk.kms;
      return aws.open(new KMSClient(aws.config(region))).send(new DescribeKeyCommand({ KeyId: name }));
    }, 'exists (points at a key of an earlier deploy?)'),
  },
  'database cluster': {
    type: 'AWS::RDS::DBCluster',
    property: 'DBClusterIdentifier',
    call: 'rds:DescribeDBClusters',
    lookup: existsUnless((aws, region, name) => {
      const { RDSClient, DescribeDBClustersCommand } = aws.sdk.rds;
      return aws
        .open(new RDSClient(aws.config(region)))
        .send(new DescribeDBClustersCommand({ DBClusterIdentifier: name }));
    }, 'exists (a cluster of an earlier deploy, kept by deletion protection?)'),
  },
  'config rule': {
    type: 'AWS::Config::ConfigRule',
    property: 'ConfigRuleName',
    call: 'config:DescribeConfigRules',
    lookup: async (aws, region, name) => {
      const { ConfigServiceClient, DescribeConfigRulesCommand } = aws.sdk.config;
      const config = aws.open(new ConfigServiceClient(aws.config(region)));
      try {
        // AWS answers NoSuchConfigRuleException for a free name; an answer is read by name all the same.
        const answer = await config.send(new DescribeConfigRulesCommand({ ConfigRuleNames: [name] }));
        return answer.ConfigRules?.some((r) => r.ConfigRuleName === name)
          ? 'exists (a rule of an earlier deploy, or of someone else)'
          : undefined;
      } catch (e) {
        if (absent(e)) return undefined;
        throw e;
      }
    },
  },
} satisfies Record<string, FixedNameKind>;

export type FixedNameKindName = keyof typeof FIXED_NAME_KINDS;

export interface FixedName {
  readonly kind: FixedNameKindName;
  readonly name: string;
}

/** Every literal physical name the environment's templates of one region would create. */
export function fixedNames(env: PlatformEnvironment, region: string): FixedName[] {
  const assembly = new PlatformAssembly(env.stacks.filter((s) => s.region === region));
  return (Object.entries(FIXED_NAME_KINDS) as [FixedNameKindName, FixedNameKind][]).flatMap(([kind, k]) =>
    assembly.resourcesOfType(k.type).flatMap((r) => {
      const name = flatten(prop(r, k.property), r.stack);
      return name ? [{ kind, name }] : [];
    }),
  );
}

/** Why a fixed name is taken, or undefined when it is free; throws when the account could not be asked. */
export function nameTaken(aws: AwsSession, fixed: FixedName, region: string): Promise<string | undefined> {
  return (FIXED_NAME_KINDS[fixed.kind] as FixedNameKind).lookup(aws, region, fixed.name);
}

/** Whether the kind is global (asked once). */
export const isGlobal = (kind: FixedNameKindName): boolean => (FIXED_NAME_KINDS[kind] as FixedNameKind).global === true;
