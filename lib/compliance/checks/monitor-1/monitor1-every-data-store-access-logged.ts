import { DATA_STORE_TYPES } from '../../../core/requirements/data-stores';
import {
  DATA_STORE_ACCESS_LOGGING,
  DATABASE_LOG_EXPORTS,
  LOG_DESTINATION_TAG,
  LOG_DESTINATIONS,
  LogDestination,
} from '../../../core/requirements/data-store-logging';
import type { TrailProps } from '../../template/cfn/cloudtrail';
import type { LoadBalancerProps } from '../../template/cfn/elbv2';
import type { DBInstanceProps } from '../../template/cfn/rds';
import type { BucketProps } from '../../template/cfn/s3';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { Judgement, modelResourceCheck, NOT_APPLICABLE } from '../check';
import { recordsDataEvents, recordsManagementEvents, recordsObjectEvents, trailsWatching } from '../trail-coverage';

/**
 * The properties this check reads of a data store: a bucket's (logging, encryption, lock, tags) or a database's
 * (engine and exported logs); the other kinds are judged by the trail alone.
 */
type StoreProps = BucketProps & DBInstanceProps;
type Store = ModelResource<StoreProps>;
type Bucket = ModelResource<BucketProps>;
type Trail = ModelResource<TrailProps>;

/**
 * MONITOR-1: the access to every data store of the assembly is recorded, by the means its kind offers
 * (lib/core/requirements/data-store-logging.ts), whatever it holds and wherever it stands. Deliverability is judged
 * too: an access log pointed at a bucket S3 cannot deliver into records nothing.
 */
export const everyDataStoreAccessLogged = modelResourceCheck<StoreProps>({
  id: 'MONITOR1-EveryDataStoreAccessLogged',
  claims: ['MONITOR-1'],
  failure: 'Access to a data store is not recorded.',
  description:
    'MONITOR-1: access to every data store is recorded (server access logs or CloudTrail data events for buckets, exported engine logs for databases, CloudTrail data or management events for the rest), and every deletion of an object of a log bucket by CloudTrail; a store added beside the platform is judged like its own',
  types: DATA_STORE_TYPES,
  evidenceProperties: ['LoggingConfiguration', 'EnableCloudwatchLogsExports'],
  judge: (store, model) => {
    const logging = DATA_STORE_ACCESS_LOGGING[store.type];
    if (!logging) return ['KindNotKnown'];
    const trails = trailsWatching(model, store);
    switch (logging.means) {
      case 'bucket':
        return judgeBucket(store, model, trails);
      case 'database':
        return judgeDatabase(store);
      case 'data-events':
        return trails.some((t) => recordsDataEvents(model, t, store, logging.trailResourceType))
          ? true
          : ['DataEventsNotRecorded'];
      case 'management-events':
        return trails.some(recordsManagementEvents) ? true : ['ManagementEventsNotRecorded'];
    }
  },
});

function judgeBucket(bucket: Bucket, model: StageModel, trails: Trail[]): Judgement {
  const access = judgeBucketAccess(bucket, model, trails);
  // A log bucket's deletions are recorded nowhere else: a trail must record them (not its writes, which would loop).
  if (!isLogBucket(bucket, model) || trails.some((t) => recordsObjectEvents(model, t, bucket, 'Deletions')))
    return access;
  return [...(access === true ? [] : access), 'LogBucketDeletionsNotRecorded'];
}

/** A bucket holding logs: a declared log destination, or the bucket a trail of the model delivers into. */
function isLogBucket(bucket: Bucket, model: StageModel): boolean {
  if (declaredDestination(bucket) !== undefined) return true;
  const name = model.text(bucket, bucket.props.BucketName);
  return model
    .ofType<TrailProps>('AWS::CloudTrail::Trail')
    .some(
      (t) =>
        model.resolve(t, t.props.S3BucketName) === bucket ||
        (name !== undefined && model.text(t, t.props.S3BucketName) === name),
    );
}

function judgeBucketAccess(bucket: Bucket, model: StageModel, trails: Trail[]): true | readonly string[] {
  const logging = bucket.props.LoggingConfiguration;
  const targetProblems = logging ? accessLogTargetProblems(bucket, logging.DestinationBucketName, model) : [];
  if (logging && targetProblems.length === 0) return true;
  if (trails.some((t) => recordsObjectEvents(model, t, bucket, 'All'))) return true;
  const destination = declaredDestination(bucket);
  if (destination === undefined) return logging ? targetProblems : ['NoServerAccessLogNorDataEvents'];
  if (!isLogDestination(destination)) return ['LogDestinationKindNotKnown'];
  if (!deliversInto(bucket, destination, model)) return ['DeclaredLogDestinationReceivesNothing'];
  // A log destination's writes are the deliveries: its reads are what must be recorded.
  return trails.some((t) => recordsObjectEvents(model, t, bucket, 'ReadOnly'))
    ? true
    : ['LogDestinationReadsNotRecorded'];
}

/** Why S3 could not deliver `bucket`'s server access logs into the bucket it names (none: it can). */
function accessLogTargetProblems(bucket: Bucket, named: unknown, model: StageModel): string[] {
  const target = logTarget(bucket, named, model);
  if (!target) return ['AccessLogTargetNotInAssembly'];
  if (target === bucket) return ['AccessLogTargetIsItself'];
  const problems: string[] = [];
  if (target.region !== bucket.region || target.stack.account !== bucket.stack.account)
    problems.push('AccessLogTargetInAnotherRegionOrAccount');
  // S3 delivers server access logs only into buckets encrypted with S3-managed keys, without default Object Lock.
  const algorithm =
    target.props.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm;
  if (algorithm !== undefined && algorithm !== 'AES256') problems.push('AccessLogTargetNotSseS3');
  if (target.props.ObjectLockConfiguration?.Rule?.DefaultRetention !== undefined)
    problems.push('AccessLogTargetHasDefaultObjectLockRetention');
  return problems;
}

/** The bucket a `DestinationBucketName` names: a reference the model resolves, or a literal name. */
function logTarget(bucket: Bucket, named: unknown, model: StageModel): Bucket | undefined {
  const byRef = model.resolve<BucketProps>(bucket, named);
  if (byRef) return byRef.type === 'AWS::S3::Bucket' ? byRef : undefined;
  if (typeof named !== 'string') return undefined;
  return model.ofType<BucketProps>('AWS::S3::Bucket').find((b) => model.text(b, b.props.BucketName) === named);
}

const isLogDestination = (value: string): value is LogDestination =>
  (LOG_DESTINATIONS as readonly string[]).includes(value);

function declaredDestination(bucket: Bucket): string | undefined {
  const tag = asArray(bucket.props.Tags).find((t) => t.Key === LOG_DESTINATION_TAG);
  return typeof tag?.Value === 'string' ? tag.Value : undefined;
}

/** Whether anything of the assembly delivers logs of the declared kind into `bucket`. */
function deliversInto(bucket: Bucket, destination: LogDestination, model: StageModel): boolean {
  if (destination === 's3-server-access-logs')
    return model.ofType<BucketProps>('AWS::S3::Bucket').some((source) => {
      if (source === bucket) return false;
      const named = source.props.LoggingConfiguration?.DestinationBucketName;
      return named !== undefined && logTarget(source, named, model) === bucket;
    });
  return model.ofType<LoadBalancerProps>('AWS::ElasticLoadBalancingV2::LoadBalancer').some((lb) => {
    const attributes = asArray(lb.props.LoadBalancerAttributes);
    const value = (key: string) => attributes.find((a) => a.Key === key)?.Value;
    return value('access_logs.s3.enabled') === 'true' && model.resolve(lb, value('access_logs.s3.bucket')) === bucket;
  });
}

function judgeDatabase(db: Store): Judgement {
  const p = db.props;
  // An Aurora instance writes its cluster's log: the cluster's exports are judged.
  if (db.type === 'AWS::RDS::DBInstance' && p.DBClusterIdentifier !== undefined) return NOT_APPLICABLE;
  const required = typeof p.Engine === 'string' ? DATABASE_LOG_EXPORTS[p.Engine] : undefined;
  if (!required) return ['EngineLogNotKnown'];
  const exported = asArray<unknown>(p.EnableCloudwatchLogsExports);
  return required.every((log) => exported.includes(log)) ? true : ['DatabaseLogNotExported'];
}
