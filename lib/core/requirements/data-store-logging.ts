/**
 * How the access to each kind of data store is recorded (MONITOR-1: wrongful access is caught only if it is
 * recorded). Data only: the check MONITOR1-EveryDataStoreAccessLogged reads it, for every store of the assembly.
 *
 * - `bucket`: S3 server access logs delivered to a bucket that can receive them, or CloudTrail data events for
 *   every object; a bucket declared a log destination (LOG_DESTINATION_TAG) that something delivers into needs
 *   only its reads recorded by CloudTrail (its writes are the deliveries, and logging them would loop). A log
 *   bucket (a declared destination, or a bucket a trail delivers into) also needs its object deletions
 *   (OBJECT_DELETION_EVENTS) recorded: nothing else records them, and a deletion is what erases evidence.
 * - `database`: the engine's log exported to CloudWatch Logs (pgaudit writes into the PostgreSQL log).
 * - `data-events`: CloudTrail data events of the store's type (reads of its items or messages are data-plane calls).
 * - `management-events`: CloudTrail management events, read and write: for a secret, GetSecretValue is one; for a
 *   topic, who subscribes; for a file system, the mount (NewClientConnection). For a log group, it is every call that
 *   CloudWatch Logs reports to CloudTrail; whether each read of log events is among them is AWS's to say (CloudWatch
 *   Logs user guide, "Logging CloudWatch Logs API calls"), a limit of this means, not a proof of every read.
 */
export type AccessLogging =
  | { readonly means: 'bucket' }
  | { readonly means: 'database' }
  | { readonly means: 'data-events'; readonly trailResourceType: string }
  | { readonly means: 'management-events' };

/** Every kind of store of DATA_STORE_TYPES, with how its access is recorded. */
export const DATA_STORE_ACCESS_LOGGING: Readonly<Record<string, AccessLogging>> = {
  'AWS::S3::Bucket': { means: 'bucket' },
  'AWS::RDS::DBCluster': { means: 'database' },
  'AWS::RDS::DBInstance': { means: 'database' },
  'AWS::SQS::Queue': { means: 'data-events', trailResourceType: 'AWS::SQS::Queue' },
  'AWS::SNS::Topic': { means: 'management-events' },
  'AWS::DynamoDB::Table': { means: 'data-events', trailResourceType: 'AWS::DynamoDB::Table' },
  'AWS::EFS::FileSystem': { means: 'management-events' },
  'AWS::Logs::LogGroup': { means: 'management-events' },
  'AWS::SecretsManager::Secret': { means: 'management-events' },
  'AWS::Kinesis::Stream': { means: 'data-events', trailResourceType: 'AWS::Kinesis::Stream' },
};

/** The logs a database engine must export to CloudWatch Logs for its sessions and statements to be recorded. */
export const DATABASE_LOG_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  'aurora-postgresql': ['postgresql'],
  postgres: ['postgresql'],
  'aurora-mysql': ['audit'],
  mysql: ['audit'],
  mariadb: ['audit'],
};

/**
 * Declares a bucket a destination of access logs (the value says whose): constructs tag it, the check reads the
 * tag and then proves that something really delivers into it. Never inferred from a name.
 */
export const LOG_DESTINATION_TAG = 'pocketcity:log-destination';

/** What a log-destination bucket may receive, the values of LOG_DESTINATION_TAG. */
export const LOG_DESTINATIONS = ['s3-server-access-logs', 'load-balancer-access-logs'] as const;
export type LogDestination = (typeof LOG_DESTINATIONS)[number];

/**
 * The object calls that destroy a record: the data events a trail must record on every log bucket. CloudTrail's and
 * the log services' own deliveries (PutObject) are not among them, so recording them on the bucket the trail writes
 * to makes no loop.
 */
export const OBJECT_DELETION_EVENTS = ['DeleteObject', 'DeleteObjects'] as const;
