import { REPLICATION_TIME_CONTROL_MINUTES } from '../../../core/requirements/data';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { dataHop, record, records } from './data-hop';
import type { HopSite } from './hop-mutations';
import { bucketName, objectLockEnabled, SampleObject, versioningHop } from './s3-object';

// S3 replication as https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-add-config.html describes it:
// every rule applies, but of the rules whose filter matches an object and that name the same destination, only the
// one with the highest Priority does; a rule with a Filter must say DeleteMarkerReplication; RTC needs Metrics.

const RULES_AT = ['Properties', 'ReplicationConfiguration', 'Rules'] as const;

/** Whether a rule's filter (V2 `Filter`, or V1's `Prefix`) selects the object. */
export function replicationFilterMatches(rule: Record<string, unknown>, object: SampleObject): boolean {
  const tagMatches = (t: Record<string, unknown>) => typeof t.Key === 'string' && object.tags[t.Key] === t.Value;
  if (!('Filter' in rule)) return object.key.startsWith(typeof rule.Prefix === 'string' ? rule.Prefix : '');
  const filter = record(rule.Filter);
  if ('And' in filter) {
    const and = record(filter.And);
    const prefix = typeof and.Prefix === 'string' ? and.Prefix : '';
    return object.key.startsWith(prefix) && records(and.TagFilters).every(tagMatches);
  }
  if ('TagFilter' in filter) return tagMatches(record(filter.TagFilter));
  return object.key.startsWith(typeof filter.Prefix === 'string' ? filter.Prefix : '');
}

/** Whether a rule's Destination.Bucket names the replica: its ARN by text, or a reference that resolves to it. */
function namesBucket(
  model: StageModel,
  source: ModelResource,
  rule: Record<string, unknown>,
  replica: ModelResource,
): boolean {
  const value = record(rule.Destination).Bucket;
  const resolved = model.resolve(source, value);
  if (resolved) return resolved.stackName === replica.stackName && resolved.logicalId === replica.logicalId;
  const name = bucketName(model, replica);
  return name !== undefined && model.text(source, value) === `arn:aws:s3:::${name}`;
}

/** Whether the replica key names a KMS key (or alias) of the replica's region. */
function replicaKeyInRegion(model: StageModel, source: ModelResource, value: unknown, replica: ModelResource): boolean {
  const resolved = model.resolve(source, value);
  if (resolved) return resolved.region === replica.region && resolved.type.startsWith('AWS::KMS::');
  const text = model.text(source, value);
  const arn = text ? /^arn:aws[\w-]*:kms:([\w-]+):\d{12}:(key\/[\w-]+|alias\/.+)$/.exec(text) : null;
  if (!arn || arn[1] !== replica.region) return false;
  if (arn[2].startsWith('key/')) return true;
  // An alias must exist in the replica's region.
  return model
    .ofType('AWS::KMS::Alias')
    .some((a) => a.region === replica.region && model.text(a, a.props.AliasName) === arn[2]);
}

/**
 * The hops an object written to `source` takes to `replica`. The chain stops at the first hop that blocks when the
 * later hops depend on it (no rule names the replica, none matches the key).
 */
export function replicationHops(
  model: StageModel,
  source: ModelResource,
  replica: ModelResource,
  object: SampleObject,
  labels: { source: string; replica: string },
): HopRecord[] {
  const config = record(source.props.ReplicationConfiguration);
  const rules = records(config.Rules);
  const configSite: HopSite = {
    resource: source,
    at: ['Properties', 'ReplicationConfiguration'],
    facts: { count: rules.length },
  };
  const hops: HopRecord[] = [];
  const push = (h: HopRecord) => (hops.push(h), h.verdict === 'pass');

  if (!push(versioningHop(source, labels.source))) return hops;
  const role =
    config.Role !== undefined &&
    (model.resolve(source, config.Role)?.type === 'AWS::IAM::Role' ||
      /^arn:aws[\w-]*:iam::\d{12}:role\//.test(model.text(source, config.Role) ?? ''));
  if (
    !push(
      dataHop(
        'replication-role',
        role,
        role ? `${labels.source} replicates with an IAM role` : `${labels.source} names no IAM role to replicate with`,
        configSite,
        'ReplicationConfiguration.Role',
      ),
    )
  )
    return hops;

  const toReplica = rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => namesBucket(model, source, rule, replica));
  const otherRegion = replica.region !== undefined && replica.region !== source.region;
  const first = toReplica[0];
  if (
    !push(
      dataHop(
        'replication-destination',
        first !== undefined && otherRegion,
        first
          ? `${toReplica.length} rule(s) replicate to ${labels.replica} in ${replica.region ?? 'an unknown region'} (source in ${source.region ?? 'an unknown region'})`
          : `no replication rule of ${labels.source} names ${labels.replica} (${bucketName(model, replica) ?? 'name unknown'})`,
        first ? { resource: source, at: [...RULES_AT, first.index] } : configSite,
        'ReplicationConfiguration.Rules[].Destination.Bucket',
      ),
    )
  )
    return hops;

  const matching = toReplica.filter(({ rule }) => replicationFilterMatches(rule, object));
  if (
    !push(
      dataHop(
        'replication-filter',
        matching.length > 0,
        matching.length
          ? `${matching.length} rule(s) to ${labels.replica} match ${object.key}`
          : `no rule to ${labels.replica} has a filter matching ${object.key}`,
        {
          resource: source,
          at: [...RULES_AT, (matching[0] ?? first).index],
          facts: { object: (matching[0] ?? first).rule },
        },
        'ReplicationConfiguration.Rules[].Filter',
      ),
    )
  )
    return hops;

  const priority = (r: Record<string, unknown>) => (typeof r.Priority === 'number' ? r.Priority : 0);
  const winner = matching.reduce((best, r) => (priority(r.rule) > priority(best.rule) ? r : best));
  const ruleSite = (facts?: HopSite['facts']): HopSite => ({
    resource: source,
    at: [...RULES_AT, winner.index],
    facts,
  });
  const ruleName = String(winner.rule.Id ?? `#${winner.index}`);
  push(
    dataHop(
      'replication-priority',
      true,
      `rule ${ruleName} (priority ${priority(winner.rule)}) wins among the ${matching.length} matching rule(s) to ${labels.replica}`,
      {
        resource: source,
        at: ['Properties', 'ReplicationConfiguration'],
        facts: { count: rules.length, object: winner.rule },
      },
      'ReplicationConfiguration.Rules[].Priority',
    ),
  );
  const rule = winner.rule;
  const destination = record(rule.Destination);
  push(
    dataHop(
      'replication-rule-status',
      rule.Status === 'Enabled',
      `rule ${ruleName} is ${String(rule.Status)}`,
      ruleSite(),
      'Status',
    ),
  );
  if ('Filter' in rule) {
    const marker = record(rule.DeleteMarkerReplication).Status;
    push(
      dataHop(
        'replication-delete-markers',
        marker === 'Enabled' || marker === 'Disabled',
        marker
          ? `rule ${ruleName} says DeleteMarkerReplication ${String(marker)}`
          : `rule ${ruleName} has a Filter but no DeleteMarkerReplication: S3 rejects the configuration`,
        ruleSite(),
        'DeleteMarkerReplication.Status',
      ),
    );
  }
  const rtc = record(destination.ReplicationTime);
  const metrics = record(destination.Metrics);
  const rtcOn =
    rtc.Status === 'Enabled' &&
    record(rtc.Time).Minutes === REPLICATION_TIME_CONTROL_MINUTES &&
    metrics.Status === 'Enabled' &&
    (record(metrics.EventThreshold).Minutes ?? REPLICATION_TIME_CONTROL_MINUTES) === REPLICATION_TIME_CONTROL_MINUTES;
  push(
    dataHop(
      'replication-time-control',
      rtcOn,
      rtcOn
        ? `rule ${ruleName} replicates within ${REPLICATION_TIME_CONTROL_MINUTES} minutes (RTC and metrics enabled)`
        : `rule ${ruleName}: ReplicationTime ${String(rtc.Status ?? 'absent')}, Metrics ${String(metrics.Status ?? 'absent')}: no ${REPLICATION_TIME_CONTROL_MINUTES}-minute replication time control`,
      ruleSite(),
      'Destination.ReplicationTime',
    ),
  );
  const algorithm = records(record(source.props.BucketEncryption).ServerSideEncryptionConfiguration).map(
    (c) => record(c.ServerSideEncryptionByDefault).SSEAlgorithm,
  )[0];
  if (algorithm === 'aws:kms' || algorithm === 'aws:kms:dsse') {
    const selected = record(record(rule.SourceSelectionCriteria).SseKmsEncryptedObjects).Status === 'Enabled';
    push(
      dataHop(
        'replication-kms-objects',
        selected,
        selected
          ? `rule ${ruleName} replicates SSE-KMS objects (${labels.source} encrypts with ${String(algorithm)})`
          : `${labels.source} encrypts with ${String(algorithm)} but rule ${ruleName} does not select SSE-KMS objects: S3 skips them`,
        ruleSite(),
        'SourceSelectionCriteria.SseKmsEncryptedObjects.Status',
      ),
    );
    const keyValue = record(destination.EncryptionConfiguration).ReplicaKmsKeyID;
    const keyOk = keyValue !== undefined && replicaKeyInRegion(model, source, keyValue, replica);
    push(
      dataHop(
        'replica-encryption-key',
        keyOk,
        keyOk
          ? `replicas are encrypted with ${model.text(source, keyValue) ?? 'a key'} in ${replica.region ?? '?'}`
          : `rule ${ruleName} names no KMS key of ${replica.region ?? "the replica's region"} for the replicas`,
        ruleSite(),
        'Destination.EncryptionConfiguration.ReplicaKmsKeyID',
      ),
    );
  }
  push(versioningHop(replica, labels.replica));
  if (objectLockEnabled(source)) {
    // Objects of a locked bucket replicate only to a bucket with Object Lock.
    const locked = objectLockEnabled(replica);
    push(
      dataHop(
        'replica-object-lock',
        locked,
        `${labels.replica} ${locked ? 'has' : 'lacks'} Object Lock, which ${labels.source}'s locked objects need`,
        { resource: replica, at: ['Properties'] },
        'ObjectLockEnabled',
      ),
    );
  }
  return hops;
}
