import { BackupClient, DescribeBackupVaultCommand } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { flatten, PlatformEnvironment, prop } from '../../lib/compliance/template/template-values';
import { absent, ClientOptions, open, statusOf } from './sdk';

export interface FixedName {
  readonly kind: 'bucket' | 'vault' | 'secret' | 'log group' | 'role';
  readonly name: string;
}

/** Every literal physical name the environment's templates of one region would create. */
export function fixedNames(env: PlatformEnvironment, region: string): FixedName[] {
  const stacks = env.stacks.filter((s) => s.region === region);
  const byType: [string, string, FixedName['kind']][] = [
    ['AWS::S3::Bucket', 'BucketName', 'bucket'],
    ['AWS::Backup::BackupVault', 'BackupVaultName', 'vault'],
    ['AWS::SecretsManager::Secret', 'Name', 'secret'],
    ['AWS::Logs::LogGroup', 'LogGroupName', 'log group'],
    ['AWS::IAM::Role', 'RoleName', 'role'],
  ];
  return byType.flatMap(([type, property, kind]) =>
    new PlatformAssembly(stacks).resourcesOfType(type).flatMap((r) => {
      const name = flatten(prop(r, property), r.stack);
      return name ? [{ kind, name }] : [];
    }),
  );
}

/** Why a fixed name is taken, or undefined when it is free. */
export async function nameTaken(fixed: FixedName, region: string, client: ClientOptions): Promise<string | undefined> {
  try {
    switch (fixed.kind) {
      case 'bucket':
        await open(new S3Client({ region, ...client, forcePathStyle: client.endpoint !== undefined })).send(
          new HeadBucketCommand({ Bucket: fixed.name }),
        );
        return 'exists in this account (a retained bucket of an earlier deploy?)';
      case 'vault':
        await open(new BackupClient({ region, ...client })).send(
          new DescribeBackupVaultCommand({ BackupVaultName: fixed.name }),
        );
        return 'exists (a retained vault of an earlier deploy?)';
      case 'secret':
        await open(new SecretsManagerClient({ region, ...client })).send(
          new DescribeSecretCommand({ SecretId: fixed.name }),
        );
        return 'exists (or is scheduled for deletion)';
      case 'log group': {
        const groups = await open(new CloudWatchLogsClient({ region, ...client })).send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: fixed.name }),
        );
        return groups.logGroups?.some((g) => g.logGroupName === fixed.name)
          ? 'exists (retained log group?)'
          : undefined;
      }
      case 'role':
        await open(new IAMClient({ region, ...client })).send(new GetRoleCommand({ RoleName: fixed.name }));
        return 'exists';
    }
  } catch (e) {
    if (fixed.kind === 'bucket' && statusOf(e) === 403) return 'is taken by another account (bucket names are global)';
    if (absent(e)) return undefined;
    throw e;
  }
}
