import { physicalValue } from '../flows/physical-ids';
import type { ResourceRef } from '../template/platform-assembly';
import type { ModelResource, StageModel } from '../template/stage-model';

/** What stands in a value the templates leave to CloudFormation and the model cannot work out. */
export const SET_AT_DEPLOY = '(set at deploy)';

/** The properties that name a resource, by how CloudFormation spells them. */
const NAME_PROPERTIES = [
  'BucketName',
  'RoleName',
  'DBClusterIdentifier',
  'DBInstanceIdentifier',
  'TopicName',
  'BackupVaultName',
  'TrailName',
  'LogGroupName',
  'AliasName',
  'AlarmName',
  'RepositoryName',
  'ConfigRuleName',
  'ClusterName',
  'ServiceName',
  'FunctionName',
  'GroupName',
  'ManagedPolicyName',
  'Name',
];

/**
 * A resource as the evidence names it: its physical name or ARN in the configured account, as the flows name it
 * (lib/compliance/flows/physical-ids.ts), where the templates declare a name; a key by its alias. Undefined when the
 * name is left to CloudFormation.
 */
export function physicalName(model: StageModel, ref: ResourceRef): string | undefined {
  const resource = model.find(ref.stackName, ref.logicalId);
  if (!resource) return undefined;
  if (resource.type === 'AWS::KMS::Key') {
    const aliases = model.referencing(resource, 'AWS::KMS::Alias');
    const names = aliases.map((a) => model.text(a, a.props.AliasName)).filter((n): n is string => n !== undefined);
    return names.length ? names.join(', ') : undefined;
  }
  const property = NAME_PROPERTIES.find((p) => resource.props[p] !== undefined);
  if (!property) return undefined;
  const declared = model.text(resource, resource.props[property]);
  if (declared === undefined || !ARN_ON_REF.has(resource.type)) return declared;
  return physicalValue(resource.stack, resource.logicalId, resource.resource, undefined, (p) =>
    model.text(resource, resource.props[p]),
  );
}

/** Types whose `Ref` is an ARN: the evidence names them by it, as the flows do. */
const ARN_ON_REF = new Set(['AWS::SNS::Topic', 'AWS::IAM::ManagedPolicy']);

/** The evidence properties of `ref` with every intrinsic replaced by the text or physical name it stands for. */
export function resolvedProperties(
  model: StageModel,
  ref: ResourceRef,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const from = model.find(ref.stackName, ref.logicalId);
  if (!from) return properties;
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, resolveValue(model, from, v)]));
}

function resolveValue(model: StageModel, from: ModelResource, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(model, from, v));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length !== 1 || !(key === 'Ref' || key.startsWith('Fn::')))
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(model, from, v)]));
  const text = model.text(from, value);
  if (text !== undefined) return text;
  const target = model.reference(from, value);
  if (target) {
    const t = target.resource;
    // A key by its alias; a resource CloudFormation names at deploy by where it is declared: its id is unknown yet.
    const named = physicalName(model, t);
    if (t.type === 'AWS::KMS::Key' || named === undefined) return named ?? `${t.stackName}/${t.logicalId}`;
    return physicalValue(t.stack, t.logicalId, t.resource, target.attribute, (p) => model.text(t, t.props[p]));
  }
  if (key === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1]))
    return (arg[1] as unknown[]).map((part) => asText(resolveValue(model, from, part))).join(arg[0]);
  if (key === 'Fn::Select' && Array.isArray(arg) && typeof arg[0] !== 'object') {
    const list = resolveValue(model, from, arg[1]);
    return Array.isArray(list) ? (list[Number(arg[0])] as unknown) : SET_AT_DEPLOY;
  }
  return SET_AT_DEPLOY;
}

const asText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : SET_AT_DEPLOY);
