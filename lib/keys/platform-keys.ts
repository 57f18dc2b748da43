import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
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
 * The key administration the account keeps (through IAM): everything but using the key and creating grants for it.
 * The account root must keep `kms:PutKeyPolicy` so the key never becomes unmanageable.
 */
export const KEY_ADMINISTRATION_ACTIONS: readonly string[] = [
  'kms:CreateAlias',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
];

/** Using a key, and creating grants (which hand its use on): delegated to IAM only through the purpose's services. */
export const KEY_USE_ACTIONS: readonly string[] = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:CreateGrant',
];

/** The services through which the account's identities may use each purpose's key (their own policies gate the data). */
const SERVICES_OF_PURPOSE: Record<KeyPurpose, readonly string[]> = {
  data: ['rds', 'secretsmanager', 's3', 'backup'],
  // AWS Backup copies an Aurora snapshot by calling RDS in the destination region.
  backup: ['backup', 'rds'],
  logs: ['logs'],
};

/**
 * Customer managed KMS keys of one region, one per purpose: `data` (database storage, Performance Insights,
 * secrets, upload and dump buckets), `backup` (backup vaults) and `logs` (CloudWatch Logs). Rotation is on, the
 * keys are retained when the stack is deleted, and the only service principal named in a key policy is CloudWatch
 * Logs on the logs key, limited to log groups of this account and region; every other service uses a key through
 * the grants of the principal calling it (REST-1, REST-2, REST-3).
 *
 * Key administration and key use are separated: the account (IAM) administers each key, but IAM alone grants its use
 * only through the services of its purpose (`kms:ViaService`) and to callers of this account (`kms:CallerAccount`),
 * so an identity policy that allows `kms:Decrypt` on `*` decrypts nothing directly, and reading what a key protects
 * still passes the bucket, secret or vault policy of the service. Principals named by the resources themselves (the
 * service role of a bucket, replication into a replica) keep their own statements.
 */
export class PlatformKeys extends Construct {
  readonly data: kms.Key;
  readonly backup: kms.Key;
  readonly logs: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeysProps) {
    super(scope, id);
    const pendingWindowDays = props.pendingWindowDays ?? 30;
    if (!Number.isInteger(pendingWindowDays) || pendingWindowDays < 7 || pendingWindowDays > 30) {
      throw new PlatformConstructError({
        code: 'PlatformKeys.pendingWindowDays',
        scope: this,
        setting: 'pendingWindowDays',
        value: pendingWindowDays,
        problem: 'is outside 7-30',
        fix: 'give a whole number of days from 7 to 30 (default 30)',
      });
    }
    if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(props.aliasPrefix) || props.aliasPrefix.startsWith('alias/aws')) {
      throw new PlatformConstructError({
        code: 'PlatformKeys.aliasPrefix',
        scope: this,
        setting: 'aliasPrefix',
        value: props.aliasPrefix,
        problem: 'is not a KMS alias prefix',
        fix: "use 'alias/<environment>/<region role>', for example 'alias/prod/primary'",
      });
    }
    const make = (purpose: KeyPurpose, description: string) =>
      new kms.Key(this, keyId(purpose), {
        alias: `${props.aliasPrefix}/${purpose}`,
        description,
        enableKeyRotation: true,
        pendingWindow: Duration.days(pendingWindowDays),
        removalPolicy: RemovalPolicy.RETAIN,
        // A policy of our own: CDK's default gives the account root `kms:*`, which lets any identity policy decrypt.
        policy: separatedKeyPolicy(Stack.of(this), purpose),
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

/** Administration by the account; use delegated to IAM only through the purpose's services, within the account. */
function separatedKeyPolicy(stack: Stack, purpose: KeyPurpose): iam.PolicyDocument {
  const root = new iam.AccountRootPrincipal();
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'KeyAdministrationByTheAccount',
        principals: [root],
        actions: [...KEY_ADMINISTRATION_ACTIONS],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'KeyUseThroughServicesOfThePurposeOnly',
        principals: [root],
        actions: [...KEY_USE_ACTIONS],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:CallerAccount': stack.account,
            'kms:ViaService': SERVICES_OF_PURPOSE[purpose].map((s) => `${s}.${stack.region}.amazonaws.com`),
          },
        },
      }),
    ],
  });
}

/** Construct ids of the keys: stable, because renaming one would replace a key and strand what it encrypts. */
function keyId(purpose: KeyPurpose): string {
  return { data: 'DataKey', backup: 'BackupKey', logs: 'LogsKey' }[purpose];
}
