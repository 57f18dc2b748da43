import * as crypto from 'crypto';
import type { StackTemplate, TemplateResource } from '../template/platform-assembly';
import { partitionOf } from '../template/template-values';

/**
 * The value of `Ref` and `Fn::GetAtt` of a resource as CloudFormation would return it after deploy: the declared
 * physical name where the template has one, otherwise a stable stand-in built from the logical id (the same
 * stand-in wherever the resource is referenced, so policies and requests agree on it). `name` is the resolved
 * physical name property, if any.
 */
export function physicalValue(
  stack: StackTemplate,
  logicalId: string,
  resource: TemplateResource,
  attribute: string | undefined,
  name: (property: string) => string | undefined,
): string {
  const region = stack.region ?? 'unknown-region';
  const account = stack.account ?? 'unknown-account';
  const arn = (service: string, rest: string, r = region) =>
    `arn:${partitionOf(region)}:${service}:${r}:${account}:${rest}`;
  const generated = `${stack.stackName}-${logicalId}`;
  const suffix = crypto.createHash('sha256').update(`${stack.stackName}/${logicalId}`).digest('hex');
  switch (resource.Type) {
    case 'AWS::IAM::Role': {
      const roleName = name('RoleName') ?? generated.slice(0, 64);
      const path = name('Path') ?? '/';
      return attribute === 'Arn'
        ? arn('iam', `role${path}${roleName}`, '')
        : attribute === 'RoleId'
          ? `AROA${suffix.slice(0, 17).toUpperCase()}`
          : roleName;
    }
    case 'AWS::IAM::ManagedPolicy':
      return attribute === undefined || attribute === 'PolicyArn'
        ? arn('iam', `policy/${name('ManagedPolicyName') ?? generated}`, '')
        : generated;
    case 'AWS::S3::Bucket': {
      const bucket = name('BucketName') ?? generated.toLowerCase().slice(0, 63);
      if (attribute === 'Arn') return `arn:${partitionOf(region)}:s3:::${bucket}`;
      if (attribute === 'DomainName') return `${bucket}.s3.amazonaws.com`;
      if (attribute === 'RegionalDomainName') return `${bucket}.s3.${region}.amazonaws.com`;
      return bucket;
    }
    case 'AWS::KMS::Key': {
      const keyId = `${suffix.slice(0, 8)}-${suffix.slice(8, 12)}-4${suffix.slice(13, 16)}-8${suffix.slice(17, 20)}-${suffix.slice(20, 32)}`;
      return attribute === 'Arn' ? arn('kms', `key/${keyId}`) : keyId;
    }
    case 'AWS::KMS::Alias':
      return name('AliasName') ?? `alias/${generated}`;
    case 'AWS::SecretsManager::Secret': {
      // Ref and Id are both the ARN; Secrets Manager appends six random characters to the name.
      return arn('secretsmanager', `secret:${name('Name') ?? generated}-${suffix.slice(0, 6)}`);
    }
    case 'AWS::RDS::DBCluster': {
      const id = name('DBClusterIdentifier') ?? generated.toLowerCase();
      if (attribute === 'DBClusterArn') return arn('rds', `cluster:${id}`);
      if (attribute === 'MasterUserSecret.SecretArn')
        return arn('secretsmanager', `secret:rds!cluster-${suffix.slice(0, 8)}-${suffix.slice(8, 14)}`);
      if (attribute?.startsWith('Endpoint') || attribute?.startsWith('ReadEndpoint'))
        return attribute.endsWith('Port') ? '5432' : `${id}.cluster-flowproof.${region}.rds.amazonaws.com`;
      if (attribute === 'DBClusterResourceId') return `cluster-${suffix.slice(0, 26).toUpperCase()}`;
      return id;
    }
    case 'AWS::Logs::LogGroup': {
      const group = name('LogGroupName') ?? generated;
      return attribute === 'Arn' ? arn('logs', `log-group:${group}:*`) : group;
    }
    case 'AWS::SNS::Topic': {
      const topicArn = arn('sns', name('TopicName') ?? generated);
      return attribute === 'TopicName' ? topicArn.split(':').pop()! : topicArn;
    }
    case 'AWS::Backup::BackupVault': {
      const vault = name('BackupVaultName') ?? generated;
      return attribute === 'BackupVaultArn' ? arn('backup', `backup-vault:${vault}`) : vault;
    }
    case 'AWS::CloudTrail::Trail': {
      const trail = name('TrailName') ?? generated;
      return attribute === 'Arn' ? arn('cloudtrail', `trail/${trail}`) : trail;
    }
    case 'AWS::ECR::Repository': {
      const repository = name('RepositoryName') ?? generated.toLowerCase();
      return attribute === 'Arn' ? arn('ecr', `repository/${repository}`) : repository;
    }
    case 'AWS::SSM::Parameter':
      return name('Name') ?? `CFN-${logicalId}-${suffix.slice(0, 12)}`;
    case 'AWS::Events::Rule': {
      const rule = name('Name') ?? generated.slice(0, 64);
      return attribute === 'Arn' ? arn('events', `rule/${rule}`) : rule;
    }
    case 'AWS::CloudWatch::Alarm': {
      const alarm = name('AlarmName') ?? generated;
      return attribute === 'Arn' ? arn('cloudwatch', `alarm:${alarm}`) : alarm;
    }
    default:
      return attribute ? `${generated}.${attribute}` : `${generated}-${suffix.slice(0, 12)}`;
  }
}
