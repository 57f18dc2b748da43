import type {
  DataPathRequirement,
  ObjectPathRequirement,
  RecoveryPointRequirement,
  ScheduledDumpRequirement,
  ShortLivedRecoveryPointRequirement,
  UnreplicatedObjectRequirement,
} from '../../../core/requirements/paths/data';
import { PLATFORM_ROLES } from '../../../core/platform-roles';
import type { StageModel } from '../../template/stage-model';
import { HopRecord, PathRecord, pathRecord } from '../path-record';
import { expiryHop, planRules, ruleHops } from './backup-rules';
import { selectionCoversHop, selectionPlanHop } from './backup-selection';
import { dataHop, records } from './data-hop';
import { scheduleHops } from './dump-schedule';
import { currentVersionHop, noncurrentVersionsHop, objectLockHop, SampleObject, versioningHop } from './s3-object';
import { replicationHops } from './s3-replication';

const sample = (r: { objectKey: string; objectTags?: Readonly<Record<string, string>> }): SampleObject => ({
  key: r.objectKey,
  tags: r.objectTags ?? {},
});

/** One requirement on one environment's model: one record, or one per store / rule. */
export function evaluateDataPath(model: StageModel, r: DataPathRequirement): PathRecord[] {
  switch (r.path) {
    case 'object':
      return [objectPath(model, r)];
    case 'unreplicated-object':
      return [unreplicatedObjectPath(model, r)];
    case 'recovery-point':
      return recoveryPointPaths(model, r);
    case 'short-lived-recovery-point':
      return shortLivedRecoveryPointPaths(model, r);
    case 'scheduled-dump':
      return [scheduledDumpPath(model, r)];
  }
}

function objectPath(model: StageModel, r: ObjectPathRequirement): PathRecord {
  const bucket = model.theOne(r.bucket);
  const object = sample(r);
  const hops: HopRecord[] = [];
  if (r.replica) {
    const replica = model.theOne(r.replica);
    hops.push(...replicationHops(model, bucket, replica, object, { source: r.bucket, replica: r.replica }));
    hops.push(currentVersionHop(bucket, r.bucket, object, r.minimumDays));
    hops.push(currentVersionHop(replica, r.replica, object, r.minimumDays));
    if (r.objectLockDays !== undefined) {
      hops.push(objectLockHop(bucket, r.bucket, r.objectLockDays), objectLockHop(replica, r.replica, r.objectLockDays));
    }
  } else {
    hops.push(versioningHop(bucket, r.bucket), currentVersionHop(bucket, r.bucket, object, r.minimumDays));
    if (r.objectLockDays !== undefined) hops.push(objectLockHop(bucket, r.bucket, r.objectLockDays));
  }
  if (r.noncurrentVersionsExpireAfterAtLeastDays !== undefined) {
    hops.push(noncurrentVersionsHop(bucket, r.bucket, object, r.noncurrentVersionsExpireAfterAtLeastDays));
  }
  const to = r.replica ? ` and replicated to ${r.replica}` : '';
  return pathRecord(model, r, 'data', `an object written to ${r.bucket} under ${r.objectKey}, kept${to}`, hops);
}

/** The forbidden twin of replication: open unless the whole replication chain delivers the object. */
function unreplicatedObjectPath(model: StageModel, r: UnreplicatedObjectRequirement): PathRecord {
  const bucket = model.theOne(r.bucket);
  const replica = model.theOne(r.replica);
  const chain = replicationHops(model, bucket, replica, sample(r), { source: r.bucket, replica: r.replica });
  const blocking = chain.find((h) => h.verdict === 'block');
  const site = { resource: bucket, at: ['Properties'] };
  const hops = [
    dataHop('object-written', true, `${r.objectKey} is written to ${r.bucket}`, site, 'BucketName'),
    dataHop(
      'replication-delivers',
      blocking !== undefined,
      blocking
        ? `S3 does not replicate it: ${blocking.detail}`
        : `S3 replicates it to ${r.replica} through ${chain.length} hops`,
      { ...site, facts: { chain: chain.flatMap((h) => (h.verdict === 'pass' ? (h.mutations ?? []) : [])) } },
      'ReplicationConfiguration',
    ),
  ];
  return pathRecord(
    model,
    r,
    'data',
    `an object written to ${r.bucket} under ${r.objectKey} stays in its region only`,
    hops,
  );
}

function recoveryPointPaths(model: StageModel, r: RecoveryPointRequirement): PathRecord[] {
  const selection = model.theOne(r.backup.selection);
  const plan = model.theOne(r.backup.plan);
  const vault = model.theOne(r.backup.vault);
  const copyTo = r.copyTo ? model.theOne(r.copyTo) : undefined;
  const rules = planRules(plan);
  return r.stores.map((role) => {
    const store = model.theOne(role);
    const hops: HopRecord[] = [
      selectionCoversHop(model, selection, store, role),
      selectionPlanHop(model, selection, plan),
    ];
    if (store.type === 'AWS::S3::Bucket')
      hops.push(versioningHop(store, `${role} (AWS Backup backs up versioned buckets only)`));
    // The rule that gets the point furthest decides: every hop of a rule that passes them all, or the best attempt.
    const candidates = rules.map((rule) => ruleHops(model, rule, store, vault, r.minimumDays, copyTo));
    const passing = (hs: HopRecord[]) =>
      hs.filter((h) => h.verdict === 'pass').length - (hs.some((h) => h.verdict === 'block') ? 1000 : 0);
    const best = candidates.reduce<HopRecord[] | undefined>(
      (b, c) => (b === undefined || passing(c) > passing(b) ? c : b),
      undefined,
    );
    hops.push(
      ...(best ?? [
        dataHop(
          'backup-rule-schedule',
          false,
          'the backup plan has no rule',
          { resource: plan, at: ['Properties'] },
          'BackupPlan.BackupPlanRule',
        ),
      ]),
    );
    const where = copyTo ? `the primary vault and a copy in ${r.copyTo}` : 'the primary vault';
    return pathRecord(
      model,
      r,
      'data',
      `a daily recovery point of ${role} (${PLATFORM_ROLES[role].description}), kept in ${where}`,
      hops,
      role,
    );
  });
}

function shortLivedRecoveryPointPaths(model: StageModel, r: ShortLivedRecoveryPointRequirement): PathRecord[] {
  const plan = model.theOne(r.plan);
  const rules = planRules(plan);
  const subject = (what: string) => `${what} of the backup plan deleted before ${r.minimumDays} days`;
  if (r.place === 'vault') {
    return rules.map((rule) =>
      pathRecord(
        model,
        r,
        'data',
        subject(`a recovery point of rule ${rule.name}`),
        [expiryHop(rule.site, rule.rule.Lifecycle, r.minimumDays, `rule ${rule.name}`)],
        rule.name,
      ),
    );
  }
  const copies = rules.flatMap((rule) =>
    records(rule.rule.CopyActions).map((copy, i) => ({
      rule,
      copy,
      i,
      site: { resource: plan, at: [...rule.site.at, 'CopyActions', i] },
    })),
  );
  if (!copies.length) {
    const none = dataHop(
      'recovery-point-expiry',
      true,
      'the plan copies no recovery point anywhere: copies are kept 0 days',
      { resource: plan, at: ['Properties'] },
      'CopyActions',
    );
    return [pathRecord(model, r, 'data', subject('a copy'), [none])];
  }
  return copies.map(({ rule, copy, i, site }) =>
    pathRecord(
      model,
      r,
      'data',
      subject(`a copy by rule ${rule.name}`),
      [expiryHop(site, copy.Lifecycle, r.minimumDays, `rule ${rule.name}'s copy action ${i}`)],
      `${rule.name}/copy-${i}`,
    ),
  );
}

function scheduledDumpPath(model: StageModel, r: ScheduledDumpRequirement): PathRecord {
  const schedule = model.theOne(r.schedule);
  const bucket = model.theOne(r.bucket);
  const object = sample(r);
  const hops = [
    ...scheduleHops(model, schedule, model.theOne(r.cluster), model.theOne(r.taskDefinition)),
    versioningHop(bucket, r.bucket),
    currentVersionHop(bucket, r.bucket, object, r.minimumDays),
    objectLockHop(bucket, r.bucket, r.minimumDays),
  ];
  return pathRecord(
    model,
    r,
    'data',
    `the daily dump, started by ${r.schedule} and written to ${r.bucket} under ${r.objectKey}`,
    hops,
  );
}
