import { DATA_STORE_TYPES } from '../../../core/requirements/data-stores';
import {
  DATA_STORE_ACCESS_LOGGING,
  DATABASE_LOG_EXPORTS,
  LOG_DESTINATION_TAG,
  LOG_DESTINATIONS,
  LogDestination,
} from '../../../core/requirements/data-store-logging';
import type { LocatedResource, PlatformAssembly } from '../../template/platform-assembly';
import { asArray } from '../../template/template-values';
import { Judgement, NOT_APPLICABLE, ofTypes, resourceCheck } from '../check';
import { bucketName } from '../customer-data';
import { pointsAt, props, referenced, sameResource } from '../resource-readers';
import { recordsDataEvents, recordsManagementEvents, recordsObjectEvents, trailsWatching } from '../trail-coverage';

/**
 * MONITOR-1: the access to every data store of the assembly is recorded, by the means its kind offers
 * (lib/core/requirements/data-store-logging.ts), whatever it holds and wherever it stands. Deliverability is judged
 * too: an access log pointed at a bucket S3 cannot deliver into records nothing.
 */
export const everyDataStoreAccessLogged = resourceCheck({
  id: 'MONITOR1-EveryDataStoreAccessLogged',
  claims: ['MONITOR-1'],
  failure: 'Access to a data store is not recorded.',
  description:
    'MONITOR-1: access to every data store is recorded (server access logs or CloudTrail data events for buckets, exported engine logs for databases, CloudTrail data or management events for the rest); a store added beside the platform is judged like its own',
  appliesTo: ofTypes(...DATA_STORE_TYPES),
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
        return trails.some((t) => recordsDataEvents(t, store, logging.trailResourceType))
          ? true
          : ['DataEventsNotRecorded'];
      case 'management-events':
        return trails.some(recordsManagementEvents) ? true : ['ManagementEventsNotRecorded'];
    }
  },
});

function judgeBucket(bucket: LocatedResource, model: PlatformAssembly, trails: LocatedResource[]): Judgement {
  const logging = props(bucket).LoggingConfiguration as { DestinationBucketName?: unknown } | undefined;
  const targetProblems = logging ? accessLogTargetProblems(bucket, logging.DestinationBucketName, model) : [];
  if (logging && targetProblems.length === 0) return true;
  if (trails.some((t) => recordsObjectEvents(t, bucket, 'All'))) return true;
  const destination = declaredDestination(bucket);
  if (destination === undefined) return logging ? targetProblems : ['NoServerAccessLogNorDataEvents'];
  if (!isLogDestination(destination)) return ['LogDestinationKindNotKnown'];
  if (!deliversInto(bucket, destination, model)) return ['DeclaredLogDestinationReceivesNothing'];
  // A log destination's writes are the deliveries: its reads are what must be recorded.
  return trails.some((t) => recordsObjectEvents(t, bucket, 'ReadOnly')) ? true : ['LogDestinationReadsNotRecorded'];
}

/** Why S3 could not deliver `bucket`'s server access logs into the bucket it names (none: it can). */
function accessLogTargetProblems(bucket: LocatedResource, named: unknown, model: PlatformAssembly): string[] {
  const target = logTarget(bucket, named, model);
  if (!target) return ['AccessLogTargetNotInAssembly'];
  if (sameResource(target, bucket)) return ['AccessLogTargetIsItself'];
  const problems: string[] = [];
  if (target.region !== bucket.region || target.stack.account !== bucket.stack.account)
    problems.push('AccessLogTargetInAnotherRegionOrAccount');
  // S3 delivers server access logs only into buckets encrypted with S3-managed keys, without default Object Lock.
  const algorithm = (
    props(target).BucketEncryption as
      | { ServerSideEncryptionConfiguration?: { ServerSideEncryptionByDefault?: { SSEAlgorithm?: unknown } }[] }
      | undefined
  )?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm;
  if (algorithm !== undefined && algorithm !== 'AES256') problems.push('AccessLogTargetNotSseS3');
  const lock = props(target).ObjectLockConfiguration as { Rule?: { DefaultRetention?: unknown } } | undefined;
  if (lock?.Rule?.DefaultRetention !== undefined) problems.push('AccessLogTargetHasDefaultObjectLockRetention');
  return problems;
}

/** The bucket a `DestinationBucketName` names: a reference in the same template, or a literal name. */
function logTarget(bucket: LocatedResource, named: unknown, model: PlatformAssembly): LocatedResource | undefined {
  const byRef = referenced(bucket, named, 'AWS::S3::Bucket');
  if (byRef) return byRef;
  if (typeof named !== 'string') return undefined;
  return model.resourcesOfType('AWS::S3::Bucket').find((b) => bucketName(b) === named);
}

const isLogDestination = (value: string): value is LogDestination =>
  (LOG_DESTINATIONS as readonly string[]).includes(value);

function declaredDestination(bucket: LocatedResource): string | undefined {
  const tag = asArray<{ Key?: unknown; Value?: unknown }>(props(bucket).Tags).find(
    (t) => t.Key === LOG_DESTINATION_TAG,
  );
  return typeof tag?.Value === 'string' ? tag.Value : undefined;
}

/** Whether anything of the assembly delivers logs of the declared kind into `bucket`. */
function deliversInto(bucket: LocatedResource, destination: LogDestination, model: PlatformAssembly): boolean {
  if (destination === 's3-server-access-logs')
    return model.resourcesOfType('AWS::S3::Bucket').some((source) => {
      if (sameResource(source, bucket)) return false;
      const named = (props(source).LoggingConfiguration as { DestinationBucketName?: unknown } | undefined)
        ?.DestinationBucketName;
      return named !== undefined && sameResource(logTarget(source, named, model), bucket);
    });
  return model.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer').some((lb) => {
    if (lb.stack !== bucket.stack) return false;
    const attributes = asArray<{ Key?: unknown; Value?: unknown }>(props(lb).LoadBalancerAttributes);
    const value = (key: string) => attributes.find((a) => a.Key === key)?.Value;
    return value('access_logs.s3.enabled') === 'true' && pointsAt(value('access_logs.s3.bucket'), bucket);
  });
}

function judgeDatabase(db: LocatedResource): Judgement {
  const p = props(db);
  // An Aurora instance writes its cluster's log: the cluster's exports are judged.
  if (db.type === 'AWS::RDS::DBInstance' && p.DBClusterIdentifier !== undefined) return NOT_APPLICABLE;
  const required = typeof p.Engine === 'string' ? DATABASE_LOG_EXPORTS[p.Engine] : undefined;
  if (!required) return ['EngineLogNotKnown'];
  const exported = asArray<unknown>(p.EnableCloudwatchLogsExports);
  return required.every((log) => exported.includes(log)) ? true : ['DatabaseLogNotExported'];
}
