import type { ModelResource } from '../../template/stage-model';
import type { TemplateMutation } from '../path-record';

/** Where a hop's deciding property sits: the resource, and the object inside it AWS read (a rule, an action). */
export interface HopSite {
  readonly resource: ModelResource;
  /** Path from the resource to the judged object (`['Properties', 'ReplicationConfiguration', 'Rules', 0]`). */
  readonly at: readonly (string | number)[];
  readonly facts?: HopFacts;
}

/** What a mutation needs to know beyond the site: the values it moves across the threshold. */
export interface HopFacts {
  /** The minimum a retention mutation undercuts. */
  readonly minimumDays?: number;
  /** The retention in force (undefined: kept indefinitely). */
  readonly days?: number;
  /** The judged object itself (a replication rule to copy, a lifecycle rule to read). */
  readonly object?: Readonly<Record<string, unknown>>;
  /** How many entries a list has, to append one. */
  readonly count?: number;
  /** The entry of a list that decided the hop (a selection's Resources entry). */
  readonly entry?: unknown;
  readonly index?: number;
  /** The selection names the store in Resources only (no tag condition covers it too). */
  readonly onlyByResources?: boolean;
  readonly region?: string;
  readonly account?: string;
  /** Mutations of another path's hops this hop inverts (the forbidden twin of a required chain). */
  readonly chain?: readonly TemplateMutation[];
}

/** A mutation rule of one hop kind: which verdict it flips, and the mutations for a site. */
interface HopMutationRule {
  readonly flips: 'pass' | 'block';
  readonly build: (site: HopSite) => TemplateMutation[];
}

const set = (
  site: HopSite,
  description: string,
  path: readonly (string | number)[],
  value: unknown,
): TemplateMutation => ({
  description,
  stackName: site.resource.stackName,
  logicalId: site.resource.logicalId,
  path: [...site.at, ...path],
  value,
});

const remove = (site: HopSite, description: string, path: readonly (string | number)[]): TemplateMutation => ({
  description,
  stackName: site.resource.stackName,
  logicalId: site.resource.logicalId,
  path: [...site.at, ...path],
  remove: true,
});

/** Appends to a list at `path` (writing the whole list when it is absent, since a missing list is not an array). */
const append = (site: HopSite, description: string, path: readonly (string | number)[], value: unknown) =>
  site.facts?.count
    ? set(site, description, [...path, site.facts.count], value)
    : set(site, description, path, [value]);

const fewerDays = (site: HopSite) => Math.max(0, (site.facts?.minimumDays ?? 1) - 1);

/** Lowers a recovery point's retention below the minimum, and breaks the cold-storage gap AWS Backup requires. */
const retentionMutations = (site: HopSite): TemplateMutation[] => {
  const days = site.facts?.days;
  return [
    set(
      site,
      `Lifecycle.DeleteAfterDays: ${fewerDays(site)} (below the minimum)`,
      ['Lifecycle', 'DeleteAfterDays'],
      fewerDays(site),
    ),
    ...(days === undefined
      ? []
      : [
          set(
            site,
            'Lifecycle.MoveToColdStorageAfterDays: less than 90 days before deletion',
            ['Lifecycle', 'MoveToColdStorageAfterDays'],
            Math.max(1, days - 89),
          ),
        ]),
  ];
};

/**
 * The generic mutations of every data hop kind: each turns the hop off (or, for the hops of forbidden paths, on) by
 * the property S3, AWS Backup or EventBridge Scheduler reads there. A path added later gets them with no new code.
 */
export const HOP_MUTATIONS = {
  // S3 buckets (site: the bucket's Properties)
  'bucket-versioning': {
    flips: 'pass',
    build: (s) => [
      set(s, 'VersioningConfiguration.Status: Suspended', ['VersioningConfiguration', 'Status'], 'Suspended'),
    ],
  },
  'object-lock-retention': {
    flips: 'pass',
    build: (s) => [
      set(
        s,
        `Object Lock default retention: ${fewerDays(s)} days`,
        ['ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Days'],
        fewerDays(s),
      ),
      remove(s, 'Object Lock default retention removed', ['ObjectLockConfiguration', 'Rule']),
    ],
  },
  'replica-object-lock': {
    flips: 'pass',
    build: (s) => [remove(s, 'replica created without Object Lock', ['ObjectLockEnabled'])],
  },
  // Lifecycle (site: LifecycleConfiguration, or one of its rules)
  'lifecycle-current-version': {
    flips: 'pass',
    build: (s) => [
      append(s, `a lifecycle rule expires current versions after ${fewerDays(s)} days`, ['Rules'], {
        Id: 'PathProofExpiresCurrentVersions',
        Status: 'Enabled',
        ExpirationInDays: Math.max(1, fewerDays(s)),
      }),
    ],
  },
  'lifecycle-noncurrent-versions': {
    flips: 'pass',
    build: (s) => [
      set(s, 'lifecycle rule Status: Disabled', ['Status'], 'Disabled'),
      remove(s, 'NoncurrentVersionExpiration removed', [
        s.facts?.object?.NoncurrentVersionExpiration
          ? 'NoncurrentVersionExpiration'
          : 'NoncurrentVersionExpirationInDays',
      ]),
      set(
        s,
        `NoncurrentVersionExpiration.NoncurrentDays: ${fewerDays(s)}`,
        ['NoncurrentVersionExpiration', 'NoncurrentDays'],
        fewerDays(s),
      ),
    ],
  },
  // Replication (site: ReplicationConfiguration, or one of its rules)
  'replication-role': {
    flips: 'pass',
    build: (s) => [remove(s, 'ReplicationConfiguration.Role removed', ['Role'])],
  },
  'replication-destination': {
    flips: 'pass',
    build: (s) => [
      set(s, 'Destination.Bucket: another bucket', ['Destination', 'Bucket'], 'arn:aws:s3:::path-proof-elsewhere'),
    ],
  },
  'replication-filter': {
    flips: 'pass',
    build: (s) => [
      s.facts?.object && 'Prefix' in s.facts.object && !('Filter' in s.facts.object)
        ? set(s, 'Prefix: one the key does not match', ['Prefix'], 'path-proof-no-match/')
        : set(s, 'Filter.Prefix: one the key does not match', ['Filter'], { Prefix: 'path-proof-no-match/' }),
    ],
  },
  'replication-priority': {
    flips: 'pass',
    build: (s) => {
      const rule = s.facts?.object ?? {};
      const destination = { ...((rule.Destination as Record<string, unknown> | undefined) ?? {}) };
      delete destination.ReplicationTime;
      delete destination.Metrics;
      const outranking = {
        ...rule,
        Id: 'PathProofOutranks',
        Priority: (typeof rule.Priority === 'number' ? rule.Priority : 0) + 1,
        Destination: destination,
      };
      return [append(s, 'a higher-priority rule to the same bucket, without RTC, wins', ['Rules'], outranking)];
    },
  },
  'replication-rule-status': {
    flips: 'pass',
    build: (s) => [set(s, 'replication rule Status: Disabled', ['Status'], 'Disabled')],
  },
  'replication-delete-markers': {
    flips: 'pass',
    build: (s) => [remove(s, 'DeleteMarkerReplication removed from a rule with a Filter', ['DeleteMarkerReplication'])],
  },
  'replication-time-control': {
    flips: 'pass',
    build: (s) => [
      set(s, 'ReplicationTime.Status: Disabled', ['Destination', 'ReplicationTime', 'Status'], 'Disabled'),
      set(s, 'Metrics.Status: Disabled', ['Destination', 'Metrics', 'Status'], 'Disabled'),
    ],
  },
  'replication-kms-objects': {
    flips: 'pass',
    build: (s) => [
      set(
        s,
        'SseKmsEncryptedObjects.Status: Disabled',
        ['SourceSelectionCriteria', 'SseKmsEncryptedObjects', 'Status'],
        'Disabled',
      ),
    ],
  },
  'replica-encryption-key': {
    flips: 'pass',
    build: (s) => [
      remove(s, 'Destination.EncryptionConfiguration removed', ['Destination', 'EncryptionConfiguration']),
    ],
  },
  // The forbidden unreplicated-object path: the object is written (never blocks); replication delivering it closes
  // the path, and each mutation of the replication chain's hops opens it again.
  'object-written': { flips: 'block', build: () => [] },
  'replication-delivers': { flips: 'block', build: (s) => [...(s.facts?.chain ?? [])] },
  // AWS Backup (site: the selection's BackupSelection, a plan rule, a copy action, a vault's Properties)
  'backup-selection-covers': {
    flips: 'pass',
    build: (s) => [
      ...(s.facts?.onlyByResources ? [set(s, 'BackupSelection.Resources: []', ['Resources'], [])] : []),
      ...(s.facts?.entry !== undefined
        ? [set(s, 'BackupSelection.NotResources excludes the store', ['NotResources'], [s.facts.entry])]
        : [
            remove(s, 'BackupSelection.ListOfTags removed', ['ListOfTags']),
            remove(s, 'BackupSelection.Conditions removed', ['Conditions']),
          ]),
    ],
  },
  'backup-selection-plan': {
    flips: 'pass',
    build: (s) => [set(s, 'BackupPlanId: another plan', ['BackupPlanId'], 'path-proof-other-plan')],
  },
  'backup-rule-schedule': {
    flips: 'pass',
    build: (s) => [set(s, 'ScheduleExpression: weekly', ['ScheduleExpression'], 'cron(0 3 ? * SUN *)')],
  },
  'backup-rule-windows': {
    flips: 'pass',
    build: (s) => [
      set(s, 'StartWindowMinutes: 30 (AWS Backup needs at least 60)', ['StartWindowMinutes'], 30),
      set(
        s,
        'CompletionWindowMinutes: no longer than the start window',
        ['CompletionWindowMinutes'],
        s.facts?.days ?? 480,
      ),
    ],
  },
  'backup-rule-vault': {
    flips: 'pass',
    build: (s) => [set(s, 'TargetBackupVault: another vault', ['TargetBackupVault'], 'path-proof-other-vault')],
  },
  'vault-lock-range': {
    flips: 'pass',
    build: (s) => [
      s.facts?.days === undefined
        ? set(s, 'Vault Lock with a maximum retention', ['LockConfiguration'], {
            MinRetentionDays: 1,
            MaxRetentionDays: 3650,
          })
        : set(
            s,
            `Vault Lock MinRetentionDays: ${s.facts.days + 1}`,
            ['LockConfiguration', 'MinRetentionDays'],
            s.facts.days + 1,
          ),
    ],
  },
  'recovery-point-retention': { flips: 'pass', build: retentionMutations },
  'continuous-backup-retention': {
    flips: 'pass',
    build: (s) => [
      set(
        s,
        'Lifecycle.DeleteAfterDays: 36 (beyond the 35 days of continuous backup)',
        ['Lifecycle', 'DeleteAfterDays'],
        36,
      ),
    ],
  },
  'copy-action': {
    flips: 'pass',
    build: (s) => [
      remove(s, 'CopyActions removed', ['CopyActions']),
      set(
        s,
        'CopyActions DestinationBackupVaultArn: another vault',
        ['CopyActions', s.facts?.index ?? 0, 'DestinationBackupVaultArn'],
        `arn:aws:backup:${s.facts?.region ?? 'us-east-1'}:${s.facts?.account ?? '000000000000'}:backup-vault:path-proof-elsewhere`,
      ),
    ],
  },
  // The forbidden short-lived recovery point path: a retention at or above the minimum closes it.
  'recovery-point-expiry': {
    flips: 'block',
    build: (s) => [
      set(
        s,
        `Lifecycle.DeleteAfterDays: ${fewerDays(s)} (below the minimum)`,
        ['Lifecycle', 'DeleteAfterDays'],
        fewerDays(s),
      ),
    ],
  },
  // EventBridge Scheduler (site: the schedule's Properties)
  'schedule-state': {
    flips: 'pass',
    build: (s) => [set(s, 'State: DISABLED', ['State'], 'DISABLED')],
  },
  'schedule-expression': {
    flips: 'pass',
    build: (s) => [set(s, 'ScheduleExpression: weekly', ['ScheduleExpression'], 'cron(0 4 ? * SUN *)')],
  },
  'schedule-window': {
    flips: 'pass',
    build: (s) => [remove(s, 'FlexibleTimeWindow removed', ['FlexibleTimeWindow'])],
  },
  'schedule-role': {
    flips: 'pass',
    build: (s) => [remove(s, 'Target.RoleArn removed', ['Target', 'RoleArn'])],
  },
  'schedule-target': {
    flips: 'pass',
    build: (s) => [
      set(
        s,
        'Target.Arn: another cluster',
        ['Target', 'Arn'],
        `arn:aws:ecs:${s.facts?.region ?? 'us-east-1'}:${s.facts?.account ?? '000000000000'}:cluster/path-proof-elsewhere`,
      ),
    ],
  },
  'schedule-task-definition': {
    flips: 'pass',
    build: (s) => [
      set(
        s,
        'EcsParameters.TaskDefinitionArn: another task definition',
        ['Target', 'EcsParameters', 'TaskDefinitionArn'],
        `arn:aws:ecs:${s.facts?.region ?? 'us-east-1'}:${s.facts?.account ?? '000000000000'}:task-definition/path-proof-elsewhere:1`,
      ),
    ],
  },
} as const satisfies Record<string, HopMutationRule>;

export type DataHopKind = keyof typeof HOP_MUTATIONS;

/** The mutations of a hop of `kind` with `verdict`: only a verdict the kind's rule flips gets any. */
export function hopMutations(kind: DataHopKind, verdict: 'pass' | 'block', site: HopSite): TemplateMutation[] {
  const rule: HopMutationRule = HOP_MUTATIONS[kind];
  return rule.flips === verdict ? rule.build(site) : [];
}
