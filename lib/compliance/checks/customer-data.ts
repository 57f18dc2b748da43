import {
  CUSTOMER_DATA_CLASSIFICATIONS,
  DATA_CLASSIFICATION_TAG,
  DataClassification,
  REPLICA_CLASSIFICATIONS,
} from '../../core/requirements/data-classification';
import type { CfnTag } from '../template/cfn/common';
import type { BucketProps } from '../template/cfn/s3';
import type { ModelResource, StageModel } from '../template/stage-model';
import { asArray } from '../template/template-values';

/** A resource that may carry `{ Key, Value }` tags. */
interface Tagged {
  readonly Tags?: readonly CfnTag[];
}

/** The literal name of a bucket of the model, with its account and region worked out; undefined when generated. */
export function bucketNameOf(model: StageModel, bucket: ModelResource<BucketProps>): string | undefined {
  return model.text(bucket, bucket.props.BucketName);
}

/** The data classification a store of the model declares through its tag (never inferred from its name). */
export function classificationOf(resource: ModelResource<Tagged>): DataClassification | undefined {
  const tag = asArray<CfnTag>(resource.props.Tags).find((t) => t.Key === DATA_CLASSIFICATION_TAG);
  // A tag value outside the known classifications (all of them customer data today) declares none.
  return CUSTOMER_DATA_CLASSIFICATIONS.find((c) => c === tag?.Value);
}

/** A bucket of the model declared to hold customer data (the uploads and the dumps) or their replicas. */
export function holdsCustomerData(resource: ModelResource<Tagged>): boolean {
  const c = classificationOf(resource);
  return resource.type === 'AWS::S3::Bucket' && c !== undefined && CUSTOMER_DATA_CLASSIFICATIONS.includes(c);
}

/** A customer-data bucket of the model in the recovery region that receives copies. */
export function holdsReplica(resource: ModelResource<Tagged>): boolean {
  const c = classificationOf(resource);
  return holdsCustomerData(resource) && c !== undefined && REPLICA_CLASSIFICATIONS.includes(c);
}
