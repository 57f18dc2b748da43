import type { ClaimId } from '../../core/claims/claim';
import {
  CONTINUOUS_CONFIG_RULES,
  hygieneConfigRuleNamePrefix,
  PLATFORM_TAG_KEY,
} from '../../core/requirements/continuous-config-rules';
import { managedConfigRules } from '../../compliance/continuity/config-rules-by-claim';
import type { BackupSelectionProps, BackupVaultProps } from '../../compliance/template/cfn/backup';
import type { BucketProps } from '../../compliance/template/cfn/s3';
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { ModelResource, StageModel } from '../../compliance/template/stage-model';
import { asArray, partitionOf } from '../../compliance/template/template-values';
import { SelectedEnvironment } from '../preflight/environment';

/** One AWS Config rule the templates declare, by the name it has in the account. */
export interface TargetRule {
  readonly ruleName: string;
  readonly identifier: string;
  readonly region: string;
  readonly claims: readonly ClaimId[];
  readonly trigger: 'change' | 'periodic';
  /** A hygiene rule judges the whole account: its non-compliance is listed, not held against a claim. */
  readonly hygiene: boolean;
}

/** A resource the backup plan selects, by the ARN AWS Backup lists its jobs under. */
export interface ProtectedResource {
  readonly arn: string;
  readonly region: string;
}

/** What verify reads, worked out from the environment's synthesized templates. */
export interface VerifyTargets {
  readonly environment: string;
  readonly primaryRegion: string;
  readonly recoveryRegion: string;
  readonly rules: readonly TargetRule[];
  readonly protectedResources: readonly ProtectedResource[];
  /** The recovery region's vault name, where copies must land. */
  readonly recoveryVault?: string;
  /** The upload bucket, its replica's ARN and its replication rule ids. */
  readonly uploads?: { readonly bucket: string; readonly replicaArn?: string; readonly ruleIds: readonly string[] };
  readonly dumpsBucket?: string;
  readonly stacks: readonly { readonly stackName: string; readonly region: string }[];
  /** The tag the platform's resources carry (key, value). */
  readonly platformTag: { readonly key: string; readonly value: string };
  /** What the templates do not name (so its facts cannot be read), in words. */
  readonly missing: readonly string[];
}

const one = <P>(model: StageModel, role: Parameters<StageModel['withRole']>[0]): ModelResource<P> | undefined => {
  const found = model.withRole<P>(role);
  return found.length === 1 ? found[0] : undefined;
};

/** The targets of one environment; `account` fills in ARNs of templates that leave the account to the deploy. */
export function verifyTargets(selected: SelectedEnvironment, account: string): VerifyTargets {
  const { env, primaryRegion, recoveryRegion } = selected;
  const model = new StageModel(new PlatformAssembly(env.stacks), env);
  const missing: string[] = [];
  const hygienePrefix = hygieneConfigRuleNamePrefix(env.name);

  const rules: TargetRule[] = [];
  for (const { rule, identifier } of managedConfigRules(model)) {
    const requirement = CONTINUOUS_CONFIG_RULES.find((r) => r.identifier === identifier);
    const ruleName = model.text(rule, rule.props.ConfigRuleName);
    if (!requirement) continue;
    if (!ruleName || !rule.region) {
      missing.push(`Config rule ${rule.stackName}/${rule.logicalId} has no literal name and region`);
      continue;
    }
    rules.push({
      ruleName,
      identifier,
      region: rule.region,
      claims: requirement.claims,
      trigger: requirement.trigger,
      hygiene: ruleName.startsWith(hygienePrefix),
    });
  }

  const nameOf = (r: ModelResource<BucketProps> | undefined) => (r ? model.text(r, r.props.BucketName) : undefined);
  const uploadsBucket = one<BucketProps>(model, 'uploads-bucket');
  const uploadsName = nameOf(uploadsBucket);
  const replicationRules = uploadsBucket?.props.ReplicationConfiguration?.Rules ?? [];
  const uploads =
    uploadsBucket && uploadsName
      ? {
          bucket: uploadsName,
          replicaArn: replicationRules
            .map((r) => model.text(uploadsBucket, r.Destination?.Bucket))
            .find((a) => a !== undefined),
          ruleIds: replicationRules.flatMap((r) => asArray<string>(model.text(uploadsBucket, r.Id))),
        }
      : undefined;
  if (!uploads) missing.push('the upload bucket (role uploads-bucket) has no literal name');
  const dumpsBucket = nameOf(one<BucketProps>(model, 'dumps-bucket'));
  if (!dumpsBucket) missing.push('the dump bucket (role dumps-bucket) has no literal name');

  const vault = one<BackupVaultProps>(model, 'recovery-vault');
  const recoveryVault = vault ? model.text(vault, vault.props.BackupVaultName) : undefined;
  if (!recoveryVault) missing.push('the recovery vault (role recovery-vault) has no literal name');

  const protectedResources: ProtectedResource[] = [];
  const selection = one<BackupSelectionProps>(model, 'backup-selection');
  if (!selection) missing.push('no backup selection (role backup-selection)');
  else {
    const selected = selection.props.BackupSelection?.Resources;
    const partition = partitionOf(primaryRegion);
    for (const role of ['database-cluster', 'uploads-bucket', 'dumps-bucket'] as const) {
      const store = one<{ DBClusterIdentifier?: unknown; BucketName?: unknown }>(model, role);
      if (!store || !model.mentions(selection, selected, store)) continue;
      const region = store.region ?? primaryRegion;
      const cluster = model.text(store, store.props.DBClusterIdentifier);
      const bucket = model.text(store, store.props.BucketName);
      if (store.type === 'AWS::RDS::DBCluster' && cluster)
        protectedResources.push({ arn: `arn:${partition}:rds:${region}:${account}:cluster:${cluster}`, region });
      else if (store.type === 'AWS::S3::Bucket' && bucket)
        protectedResources.push({ arn: `arn:${partition}:s3:::${bucket}`, region });
      else missing.push(`the backed-up ${role} has no literal name`);
    }
  }

  return {
    environment: env.name,
    primaryRegion,
    recoveryRegion,
    rules,
    protectedResources,
    recoveryVault,
    uploads,
    dumpsBucket,
    stacks: env.stacks.map((s) => ({ stackName: s.stackName, region: s.region ?? primaryRegion })),
    platformTag: { key: PLATFORM_TAG_KEY, value: env.name },
    missing,
  };
}
