import type { LocatedResource, PlatformAssembly, StackTemplate } from '../template/platform-assembly';
import { PlatformAssembly as Assembly } from '../template/platform-assembly';
import type { StageModel } from '../template/stage-model';
import { asArray, partitionOf, PlatformEnvironment } from '../template/template-values';
import { awsManagedPolicyDocument } from './aws-managed-policies';
import { TokenResolver, UNRESOLVED } from './resolve-tokens';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly [key: string]: unknown;
}

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement[];
}

/** Where a policy document sits in a template: enough to name a statement, and for a test to edit it. */
export interface PolicySource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  /** Property path from `Properties` to the document; empty for an AWS managed policy. */
  readonly path: readonly (string | number)[];
  /** An AWS managed policy's ARN, when the document is one. */
  readonly managedPolicyArn?: string;
}

/** A policy document with every token resolved, and where it came from. */
export interface LocatedPolicy {
  readonly source: PolicySource;
  readonly document: PolicyDocument;
}

export interface ModelRole {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly identityPolicies: readonly LocatedPolicy[];
  /** AWS managed policies attached whose documents are not known offline. */
  readonly unknownManagedPolicies: readonly string[];
}

/**
 * The authorization model of one platform environment, read from its templates: every IAM role with its identity
 * policies (inline, customer managed, AWS managed), and every resource policy (bucket, key, secret, topic, vault,
 * log, repository) keyed by the ARN of the resource it governs, all with tokens resolved to concrete ARNs. Flows
 * select principals and resources through the environment's stage model, by the platform roles constructs declared.
 */
export class AuthorizationModel {
  readonly resolver: TokenResolver;
  readonly assembly: PlatformAssembly;
  readonly account: string;
  readonly partition: string;
  readonly primaryRegion: string;
  readonly recoveryRegion: string;
  readonly roles: ModelRole[];
  readonly environment: PlatformEnvironment;
  /** Resource policies by the ARN of the resource they govern (a bucket policy by the bucket's ARN). */
  readonly resourcePolicies = new Map<string, LocatedPolicy[]>();
  /** Key ARN by alias name and alias ARN. */
  private readonly aliases = new Map<string, string>();

  constructor(readonly stage: StageModel) {
    const environment = stage.environment;
    this.environment = environment;
    this.assembly = new Assembly(environment.stacks);
    this.resolver = new TokenResolver(this.assembly);
    this.account = environment.account ?? environment.stacks.find((s) => s.account)?.account ?? 'unknown-account';
    this.primaryRegion = environment.primaryRegion ?? environment.stacks[0]?.region ?? 'unknown-region';
    this.recoveryRegion = environment.recoveryRegion ?? this.primaryRegion;
    this.partition = partitionOf(this.primaryRegion);
    this.readAliases();
    this.readResourcePolicies();
    this.roles = this.readRoles();
  }

  /** `Ref` (no attribute) or `Fn::GetAtt` of a located resource, resolved. */
  value(r: LocatedResource, attribute?: string): string {
    return this.resolver.string(attribute ? { 'Fn::GetAtt': [r.logicalId, attribute] } : { Ref: r.logicalId }, r.stack);
  }

  /** A property of a located resource, resolved to a string. */
  property(r: LocatedResource, ...path: string[]): string | undefined {
    let v: unknown = r.resource.Properties;
    // Lists on the way (ServerSideEncryptionConfiguration) are read at their first element.
    for (const p of path) {
      if (Array.isArray(v)) v = (v as unknown[])[0];
      v = (v as Record<string, unknown> | undefined)?.[p];
    }
    if (v === undefined) return undefined;
    return this.resolver.string(v, r.stack);
  }

  /** The key ARN an alias (name or ARN) or key id stands for; a key ARN is returned as is. */
  keyArn(keyRef: string, region: string): string {
    const alias = this.aliases.get(keyRef) ?? this.aliases.get(`${region}:${keyRef}`);
    return alias ?? keyRef;
  }

  /** The resource policy governing `arn` (merged, when several documents govern it). */
  resourcePolicyFor(arn: string): LocatedPolicy[] {
    const s3 = /^arn:[^:]+:s3:::([^/]+)/.exec(arn);
    if (s3) return this.resourcePolicies.get(`arn:${arn.split(':')[1]}:s3:::${s3[1]}`) ?? [];
    const logs = /^arn:[^:]+:logs:([^:]+):[^:]+:log-group:/.exec(arn);
    if (logs) return this.resourcePolicies.get(`logs:${logs[1]}`) ?? [];
    return this.resourcePolicies.get(arn) ?? [];
  }

  private readAliases(): void {
    for (const alias of this.assembly.resourcesOfType('AWS::KMS::Alias')) {
      const name = this.property(alias, 'AliasName');
      const target = this.property(alias, 'TargetKeyId');
      if (!name || !target) continue;
      const keyArn = target.startsWith('arn:')
        ? target
        : `arn:${this.partition}:kms:${alias.region}:${this.account}:key/${target}`;
      this.aliases.set(`${alias.region}:${name}`, keyArn);
      this.aliases.set(`arn:${partitionOf(alias.region)}:kms:${alias.region}:${this.account}:${name}`, keyArn);
    }
  }

  private addResourcePolicy(arn: string, r: LocatedResource, path: (string | number)[]): void {
    let raw: unknown = r.resource.Properties;
    for (const p of path) raw = (raw as Record<string | number, unknown> | undefined)?.[p];
    if (raw === undefined) return;
    const resolved = this.resolver.resolve(typeof raw === 'string' ? JSON.parse(raw) : raw, r.stack);
    const policy = {
      source: { stackName: r.stackName, logicalId: r.logicalId, type: r.type, path },
      document: normalise(resolved),
    };
    this.resourcePolicies.set(arn, [...(this.resourcePolicies.get(arn) ?? []), policy]);
  }

  private readResourcePolicies(): void {
    const a = this.assembly;
    for (const key of a.resourcesOfType('AWS::KMS::Key'))
      this.addResourcePolicy(this.value(key, 'Arn'), key, ['KeyPolicy']);
    for (const p of a.resourcesOfType('AWS::S3::BucketPolicy')) {
      const bucket = this.property(p, 'Bucket');
      if (bucket) this.addResourcePolicy(`arn:${partitionOf(p.region)}:s3:::${bucket}`, p, ['PolicyDocument']);
    }
    for (const p of a.resourcesOfType('AWS::SecretsManager::ResourcePolicy')) {
      const secret = this.property(p, 'SecretId');
      if (secret) this.addResourcePolicy(secret, p, ['ResourcePolicy']);
    }
    for (const p of a.resourcesOfType('AWS::SNS::TopicPolicy')) {
      asArray(p.resource.Properties?.Topics).forEach((t) =>
        this.addResourcePolicy(this.resolver.string(t, p.stack), p, ['PolicyDocument']),
      );
    }
    for (const v of a.resourcesOfType('AWS::Backup::BackupVault'))
      this.addResourcePolicy(this.value(v, 'BackupVaultArn'), v, ['AccessPolicy']);
    for (const p of a.resourcesOfType('AWS::Logs::ResourcePolicy'))
      this.addResourcePolicy(`logs:${p.region}`, p, ['PolicyDocument']);
    for (const r of a.resourcesOfType('AWS::ECR::Repository'))
      this.addResourcePolicy(this.value(r, 'Arn'), r, ['RepositoryPolicyText']);
  }

  private readRoles(): ModelRole[] {
    const attached = new Map<string, LocatedPolicy[]>();
    const attach = (roleName: string, policy: LocatedPolicy) =>
      attached.set(roleName, [...(attached.get(roleName) ?? []), policy]);
    const managedByArn = new Map<string, LocatedPolicy>();
    for (const p of this.assembly.resourcesOfType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')) {
      const policy: LocatedPolicy = {
        source: { stackName: p.stackName, logicalId: p.logicalId, type: p.type, path: ['PolicyDocument'] },
        document: normalise(this.resolver.resolve(p.resource.Properties?.PolicyDocument, p.stack)),
      };
      for (const role of asArray(p.resource.Properties?.Roles)) attach(this.resolver.string(role, p.stack), policy);
      if (p.type === 'AWS::IAM::ManagedPolicy') managedByArn.set(this.value(p), policy);
    }
    return this.assembly.resourcesOfType('AWS::IAM::Role').map((role): ModelRole => {
      const name = this.value(role);
      const inline = asArray<{ PolicyDocument?: unknown }>(role.resource.Properties?.Policies).map(
        (p, i): LocatedPolicy => ({
          source: {
            stackName: role.stackName,
            logicalId: role.logicalId,
            type: role.type,
            path: ['Policies', i, 'PolicyDocument'],
          },
          document: normalise(this.resolver.resolve(p.PolicyDocument, role.stack)),
        }),
      );
      const managed: LocatedPolicy[] = [];
      const unknown: string[] = [];
      for (const arnValue of asArray(role.resource.Properties?.ManagedPolicyArns)) {
        const arn = this.resolver.string(arnValue, role.stack);
        const customer = managedByArn.get(arn);
        const aws = awsManagedPolicyDocument(arn);
        if (customer) managed.push(customer);
        else if (aws)
          managed.push({
            source: {
              stackName: role.stackName,
              logicalId: role.logicalId,
              type: role.type,
              path: [],
              managedPolicyArn: arn,
            },
            document: normalise(aws),
          });
        else unknown.push(arn.startsWith(UNRESOLVED) ? JSON.stringify(arnValue) : arn);
      }
      return {
        stack: role.stack,
        logicalId: role.logicalId,
        name,
        arn: this.value(role, 'Arn'),
        identityPolicies: [...inline, ...(attached.get(name) ?? []), ...managed],
        unknownManagedPolicies: unknown,
      };
    });
  }
}

/** A resolved document with `Statement` always an array. */
function normalise(resolved: unknown): PolicyDocument {
  const doc = (resolved ?? {}) as { Version?: string; Statement?: unknown };
  return { Version: doc.Version ?? '2012-10-17', Statement: asArray<PolicyStatement>(doc.Statement) };
}
