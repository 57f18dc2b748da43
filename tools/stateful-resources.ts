import type { LocatedResource, PlatformAssembly } from '../lib/compliance/template/platform-assembly';

/**
 * The resource types that hold data, and the deletion-protection property each service offers (if any). Aurora
 * instances are not listed: their storage belongs to the cluster, and replacing an instance loses nothing.
 */
export const STATEFUL_TYPES: Record<string, { readonly protectionProperty?: string }> = {
  'AWS::RDS::DBCluster': { protectionProperty: 'DeletionProtection' },
  'AWS::S3::Bucket': {},
  'AWS::Backup::BackupVault': {},
  'AWS::KMS::Key': {},
  'AWS::Logs::LogGroup': { protectionProperty: 'DeletionProtectionEnabled' },
  'AWS::SecretsManager::Secret': {},
};

/** Deletion policies that keep data: RETAIN keeps the resource, SNAPSHOT keeps a final snapshot. */
export const KEEPING_POLICIES = ['Retain', 'RetainExceptOnCreate', 'Snapshot'];

export interface StatefulEntry {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
}

export function statefulResources(assembly: PlatformAssembly): LocatedResource[] {
  return assembly.resourcesOfType(...Object.keys(STATEFUL_TYPES));
}

/** What is wrong with how a stateful resource is kept, or an empty list. */
export function dataLossRisks(r: LocatedResource): string[] {
  const risks: string[] = [];
  if (!KEEPING_POLICIES.includes(r.resource.DeletionPolicy ?? 'Delete'))
    risks.push(`DeletionPolicy ${r.resource.DeletionPolicy ?? 'Delete (default)'}`);
  if (!KEEPING_POLICIES.includes(r.resource.UpdateReplacePolicy ?? 'Delete')) {
    risks.push(`UpdateReplacePolicy ${r.resource.UpdateReplacePolicy ?? 'Delete (default)'}`);
  }
  const property = STATEFUL_TYPES[r.type]?.protectionProperty;
  if (property && r.resource.Properties?.[property] !== true) risks.push(`${property} is not true`);
  return risks;
}

export function toStatefulEntry(r: LocatedResource): StatefulEntry {
  return { stack: r.stackName, logicalId: r.logicalId, type: r.type };
}
