import type { PolicyDocument } from './iam';

/** Typed views of AWS::SQS::* properties. */

export interface QueueProps {
  readonly KmsMasterKeyId?: unknown;
  readonly SqsManagedSseEnabled?: unknown;
}

export interface QueuePolicyProps {
  readonly Queues?: unknown;
  readonly PolicyDocument?: PolicyDocument;
}
