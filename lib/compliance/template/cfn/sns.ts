import type { PolicyDocument } from './iam';

/** Typed views of AWS::SNS::* properties. */

export interface TopicPolicyProps {
  readonly Topics?: unknown;
  readonly PolicyDocument?: PolicyDocument;
}

export interface TopicProps {
  readonly TopicName?: unknown;
  readonly KmsMasterKeyId?: unknown;
  /** Inline subscriptions. */
  readonly Subscription?: unknown;
}

export interface SubscriptionProps {
  readonly TopicArn?: unknown;
  readonly Protocol?: unknown;
  readonly Endpoint?: unknown;
}
