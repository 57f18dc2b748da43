import {
  CUSTOMER_DATA_CLASSIFICATIONS,
  DATA_CLASSIFICATION_TAG,
  DataClassification,
  REPLICA_CLASSIFICATIONS,
} from '../../core/requirements/data-classification';
import type { LocatedResource } from '../template/platform-assembly';
import { flatten } from '../template/template-values';
import { props } from './resource-readers';

/** The literal name of a bucket, with its account and region worked out; undefined when generated. */
export function bucketName(bucket: LocatedResource): string | undefined {
  return flatten(props(bucket).BucketName, bucket.stack);
}

/** The data classification a store declares through its tag (never inferred from its name). */
export function dataClassification(resource: LocatedResource): DataClassification | undefined {
  const tags = props(resource).Tags as { Key?: unknown; Value?: unknown }[] | undefined;
  const tag = Array.isArray(tags) ? tags.find((t) => t.Key === DATA_CLASSIFICATION_TAG) : undefined;
  return typeof tag?.Value === 'string' ? (tag.Value as DataClassification) : undefined;
}

/** A bucket declared to hold customer data (the uploads and the dumps) or their replicas. */
export function isCustomerDataBucket(resource: LocatedResource): boolean {
  const c = dataClassification(resource);
  return resource.type === 'AWS::S3::Bucket' && c !== undefined && CUSTOMER_DATA_CLASSIFICATIONS.includes(c);
}

/** A customer-data bucket in the recovery region that receives copies. */
export function isReplicaBucket(resource: LocatedResource): boolean {
  const c = dataClassification(resource);
  return isCustomerDataBucket(resource) && c !== undefined && REPLICA_CLASSIFICATIONS.includes(c);
}
