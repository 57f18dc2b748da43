import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** EventBridge's most persistent retry policy: 185 attempts over 24 hours (its documented maxima). */
export const ALERT_RETRY_ATTEMPTS = 185;
export const ALERT_MAX_EVENT_AGE = Duration.hours(24);

export interface AlertTopicTargetProps {
  /**
   * Where EventBridge puts an event it could not publish after its retries (the topic refused it, its key was
   * unusable, or it was throttled for 24 hours), so a lost alert is kept and alarmed on instead of dropped.
   * @default - none: after the retries the event is dropped, and only EventBridge's FailedInvocations metric says so
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /** The message to publish. @default - the whole event */
  readonly message?: events.RuleTargetInput;
}

/**
 * An EventBridge rule target that publishes to an alert topic with an explicit retry policy and a dead-letter queue,
 * and lets EventBridge publish for that rule alone: the topic policy statement it adds is conditioned on the rule's
 * ARN and account (aws:SourceArn, aws:SourceAccount), so no other rule, and no rule of another account, can publish
 * (the cross-service confused deputy). CDK's `SnsTopic` target grants `events.amazonaws.com` without conditions.
 *
 * The topic's key is granted to EventBridge without these conditions: AWS documents that the KMS request made when
 * EventBridge publishes to an encrypted topic carries no aws:SourceArn or aws:SourceAccount, so conditioning the key
 * policy would drop every alert (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
 */
export class AlertTopicTarget implements events.IRuleTarget {
  constructor(
    private readonly topic: sns.ITopic,
    private readonly props: AlertTopicTargetProps = {},
  ) {}

  bind(rule: events.IRuleRef): events.RuleTargetConfig {
    const ruleArn = rule.ruleRef.ruleArn;
    const account = Stack.of(rule).account;
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnEquals: { 'aws:SourceArn': ruleArn } },
      }),
    );
    this.topic.masterKey?.grant(
      new iam.ServicePrincipal('events.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    const dlq = this.props.deadLetterQueue;
    if (dlq) {
      dlq.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['sqs:SendMessage'],
          resources: [dlq.queueArn],
          conditions: { StringEquals: { 'aws:SourceAccount': account }, ArnEquals: { 'aws:SourceArn': ruleArn } },
        }),
      );
    }
    return {
      arn: this.topic.topicArn,
      targetResource: this.topic,
      input: this.props.message,
      retryPolicy: {
        maximumRetryAttempts: ALERT_RETRY_ATTEMPTS,
        maximumEventAgeInSeconds: ALERT_MAX_EVENT_AGE.toSeconds(),
      },
      deadLetterConfig: dlq ? { arn: dlq.queueArn } : undefined,
    };
  }
}
