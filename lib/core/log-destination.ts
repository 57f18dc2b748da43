import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgeFinding } from './acknowledge';
import { LOG_DESTINATION_TAG, LogDestination } from './requirements/data-store-logging';

/** The stock-pack rules that ask a bucket for server access logs of its own. */
const OWN_ACCESS_LOG_RULES = [
  'AwsSolutions-S1',
  'NIST.800.53.R5-S3BucketLoggingEnabled',
  'HIPAA.Security-S3BucketLoggingEnabled',
  'PCI.DSS.321-S3BucketLoggingEnabled',
];

/**
 * Declares `bucket` a destination of access logs: the tag MONITOR1-EveryDataStoreAccessLogged reads (which then
 * proves that something delivers into it and that CloudTrail records its reads), and the acknowledgment of the
 * stock rules asking it for access logs of its own, which would loop.
 */
export function declareLogDestination(bucket: IConstruct, receives: LogDestination): void {
  Tags.of(bucket).add(LOG_DESTINATION_TAG, receives);
  const reason = `This bucket is a declared destination of ${receives === 's3-server-access-logs' ? 'S3 server access logs' : 'load balancer access logs'}; logging its own access into a further bucket would loop. CloudTrail records every read of its objects (the trail's read-only data events of every bucket), as MONITOR1-EveryDataStoreAccessLogged proves.`;
  acknowledgeFinding(bucket, ...OWN_ACCESS_LOG_RULES.map((rule) => ({ rule, claim: 'MONITOR-1' as const, reason })));
}
