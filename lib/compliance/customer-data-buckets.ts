/**
 * Bucket names that hold customer data: the upload and dump buckets and their replicas. The names come from
 * `physicalNames` (lib/stacks/physical-names.ts), which is what lets checks recognise them in any template.
 */
export const CUSTOMER_DATA_BUCKET_NAME = /-(uploads|dumps)(-replica)?-/;
export const REPLICA_BUCKET_NAME = /-(uploads|dumps)-replica-/;
