import type { ModelResource, StageModel } from '../../template/stage-model';
import { partitionOf } from '../../template/template-values';
import type { HopRecord } from '../path-record';
import { dataHop, record, records } from './data-hop';

// Which resources a backup selection assigns, as https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html
// describes: Resources (ARNs, `*` wildcards) or ListOfTags (any tag matches) select, Conditions (all must match)
// refine, NotResources excludes.

/** A resource's physical name where the template fixes it; otherwise a token standing for it on both sides. */
function nameOf(model: StageModel, r: ModelResource): string {
  const named = {
    'AWS::S3::Bucket': 'BucketName',
    'AWS::RDS::DBCluster': 'DBClusterIdentifier',
    'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  }[r.type];
  return (named ? model.text(r, r.props[named]) : undefined) ?? `{${r.stackName}/${r.logicalId}}`;
}

/** The ARN AWS Backup knows a store by, as text; undefined for a type this evaluator does not know. */
export function storeArn(model: StageModel, r: ModelResource): string | undefined {
  const p = partitionOf(r.region);
  const name = nameOf(model, r);
  switch (r.type) {
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${name}`;
    case 'AWS::RDS::DBCluster':
      return `arn:${p}:rds:${r.region}:${r.stack.account}:cluster:${name}`;
    case 'AWS::RDS::DBInstance':
      return `arn:${p}:rds:${r.region}:${r.stack.account}:db:${name}`;
    default:
      return undefined;
  }
}

/** A selection entry as ARN text: literals, joins, pseudo-parameters, and Ref / GetAtt Arn of resources. */
function entryText(model: StageModel, from: ModelResource, value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const v = record(value);
  const join = v['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((p) => entryText(model, from, p));
    return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  const target =
    'Ref' in v || 'Fn::GetAtt' in v || 'Fn::GetStackOutput' in v || 'Fn::ImportValue' in v
      ? model.resolve(from, value)
      : undefined;
  if (!target) return model.text(from, value);
  if ('Ref' in v) return nameOf(model, target);
  const attribute = Array.isArray(v['Fn::GetAtt']) ? (v['Fn::GetAtt'] as unknown[])[1] : 'Arn';
  return attribute === 'Arn' ? storeArn(model, target) : undefined;
}

const glob = (pattern: string, text: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(text);

function tagOf(store: ModelResource, key: string): string | undefined {
  const tags = records(store.props.Tags);
  return tags.find((t) => t.Key === key)?.Value as string | undefined;
}

function conditionHolds(operator: string, store: ModelResource, c: Record<string, unknown>): boolean | undefined {
  const key = typeof c.ConditionKey === 'string' ? c.ConditionKey.replace(/^aws:ResourceTag\//, '') : undefined;
  const expected = typeof c.ConditionValue === 'string' ? c.ConditionValue : undefined;
  if (key === undefined || expected === undefined) return undefined;
  const actual = tagOf(store, key);
  const like = actual !== undefined && glob(expected, actual);
  switch (operator) {
    case 'StringEquals':
      return actual === expected;
    case 'StringNotEquals':
      return actual !== expected;
    case 'StringLike':
      return like;
    case 'StringNotLike':
      return !like;
    default:
      return undefined;
  }
}

/** The selection's hop for one store: does AWS Backup assign it? Tokens it cannot read fail closed. */
export function selectionCoversHop(
  model: StageModel,
  selection: ModelResource,
  store: ModelResource,
  label: string,
): HopRecord {
  const body = record(selection.props.BackupSelection);
  const site = (facts?: { entry?: unknown; onlyByResources?: boolean }) => ({
    resource: selection,
    at: ['Properties', 'BackupSelection'],
    facts,
  });
  const arn = storeArn(model, store);
  const property = 'BackupSelection.Resources';
  if (!arn)
    return dataHop(
      'backup-selection-covers',
      false,
      `cannot judge AWS Backup's selection of ${store.type}`,
      site(),
      property,
    );

  const entries = Array.isArray(body.Resources) ? (body.Resources as unknown[]) : [];
  const byResource = entries.find((e) => {
    const text = entryText(model, selection, e);
    return text !== undefined && glob(text, arn);
  });
  const byTags = records(body.ListOfTags).some(
    (t) =>
      String(t.ConditionType).toUpperCase() === 'STRINGEQUALS' &&
      typeof t.ConditionKey === 'string' &&
      tagOf(store, t.ConditionKey) === t.ConditionValue,
  );
  const conditions = record(body.Conditions);
  const conditionResults = Object.entries(conditions).flatMap(([operator, list]) =>
    records(list).map((c) => conditionHolds(operator, store, c)),
  );
  const notEntries = Array.isArray(body.NotResources) ? (body.NotResources as unknown[]) : [];
  const notTexts = notEntries.map((e) => entryText(model, selection, e));

  const blocked = (detail: string) => dataHop('backup-selection-covers', false, detail, site(), property);
  if (byResource === undefined && !byTags)
    return blocked(`the selection names ${label} neither by ARN (${arn}) nor by tag`);
  if (conditionResults.some((r) => r !== true))
    return blocked(`the selection's tag Conditions do not all hold for ${label}`);
  if (notTexts.some((t) => t === undefined))
    return blocked('the selection has a NotResources entry this evaluator cannot read');
  if (notTexts.some((t) => glob(t!, arn))) return blocked(`the selection's NotResources excludes ${label}`);
  return dataHop(
    'backup-selection-covers',
    true,
    `the selection assigns ${label} (${byResource !== undefined ? 'by ARN' : 'by tag'})`,
    site({ entry: byResource, onlyByResources: byResource !== undefined && !byTags }),
    property,
  );
}

/** The selection belongs to the plan: BackupPlanId resolves to it. */
export function selectionPlanHop(model: StageModel, selection: ModelResource, plan: ModelResource): HopRecord {
  const target = model.resolve(selection, selection.props.BackupPlanId);
  const ok = target?.stackName === plan.stackName && target.logicalId === plan.logicalId;
  return dataHop(
    'backup-selection-plan',
    ok,
    ok ? 'the selection belongs to the backup plan' : 'the selection names another backup plan',
    { resource: selection, at: ['Properties'] },
    'BackupPlanId',
  );
}
