import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { allowLogsToUseKey } from '../core/grants/grant-logs-key-use';

/** The purposes a platform key serves in one region; each purpose has its own key. */
export type KeyPurpose = 'data' | 'backup' | 'logs';

export interface PlatformKeysProps {
  /**
   * Alias prefix of the keys; each key is aliased `<aliasPrefix>/<purpose>`, for example `alias/prod/primary/data`.
   * Deterministic, so that another region can name a key by its alias ARN without a cross-region reference.
   */
  readonly aliasPrefix: string;
  /**
   * Days KMS waits before deleting a key whose deletion was scheduled by hand (keys are retained on stack delete).
   * @default 30
   */
  readonly pendingWindowDays?: number;
}

/**
 * Customer managed KMS keys of one region, one per purpose: `data` (database storage, Performance Insights,
 * secrets, upload and dump buckets), `backup` (backup vaults) and `logs` (CloudWatch Logs). Rotation is on, the
 * keys are retained when the stack is deleted, and the only service principal named in a key policy is CloudWatch
 * Logs on the logs key, limited to log groups of this account and region; every other service uses a key through
 * the grants of the principal calling it (REST-1, REST-2, REST-3).
 */
export class PlatformKeys extends Construct {
  readonly data: kms.Key;
  readonly backup: kms.Key;
  readonly logs: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeysProps) {
    super(scope, id);
    const pendingWindowDays = props.pendingWindowDays ?? 30;
    if (!Number.isInteger(pendingWindowDays) || pendingWindowDays < 7 || pendingWindowDays > 30) {
      throw new Error(
        `PlatformKeys pendingWindowDays = ${pendingWindowDays} is outside 7-30. Fix: give a whole number of days from 7 to 30 (default 30).`,
      );
    }
    if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(props.aliasPrefix) || props.aliasPrefix.startsWith('alias/aws')) {
      throw new Error(
        `PlatformKeys aliasPrefix = '${props.aliasPrefix}' is not a KMS alias prefix. Fix: use 'alias/<environment>/<region role>', for example 'alias/prod/primary'.`,
      );
    }
    const make = (purpose: KeyPurpose, description: string) =>
      new kms.Key(this, keyId(purpose), {
        alias: `${props.aliasPrefix}/${purpose}`,
        description,
        enableKeyRotation: true,
        pendingWindow: Duration.days(pendingWindowDays),
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.data = make(
      'data',
      'Customer data at rest: database storage, Performance Insights, secrets, upload and dump buckets',
    );
    this.backup = make('backup', 'AWS Backup vault recovery points');
    this.logs = make('logs', 'CloudWatch Logs log groups (database audit logs, task logs)');

    allowLogsToUseKey(this.logs);
  }

  /** The key of a purpose. */
  key(purpose: KeyPurpose): kms.Key {
    return this[purpose];
  }
}

/** Construct ids of the keys: stable, because renaming one would replace a key and strand what it encrypts. */
function keyId(purpose: KeyPurpose): string {
  return { data: 'DataKey', backup: 'BackupKey', logs: 'LogsKey' }[purpose];
}
