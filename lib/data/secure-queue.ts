import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';

export interface SecureQueueProps {
  /**
   * Customer managed key encrypting the queue and its dead-letter queue. A key passed in must let the queue's
   * producers and consumers use it (`grantSendMessages` / `grantConsumeMessages` grant that for a key of this app).
   * @default - a new customer managed key with rotation on, retained on stack deletion
   */
  readonly encryptionKey?: kms.IKey;
  /** How long a received message stays invisible to other consumers. @default Duration.seconds(30) */
  readonly visibilityTimeout?: Duration;
  /** How long the queue keeps a message. @default Duration.days(4) */
  readonly retentionPeriod?: Duration;
  /**
   * Receives after which a message moves to the dead-letter queue; from 1 to 1000.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /** A FIFO queue (and a FIFO dead-letter queue). @default false */
  readonly fifo?: boolean;
}

/**
 * A queue for a team's own workload that passes the claims and the stock packs as it stands: encrypted with a
 * customer managed key (REST-1), refusing requests without TLS (TRANSIT-1), with a dead-letter queue under the same key
 * that keeps failed messages 14 days, both retained. Its messages are recorded by the platform trail's SQS data events
 * (MONITOR-1) when it stands in a PlatformStage's account. See docs/own-resources.md.
 */
export class SecureQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: SecureQueueProps = {}) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new PlatformConstructError({
        code: 'SecureQueue.maxReceiveCount',
        scope: this,
        setting: 'maxReceiveCount',
        value: maxReceiveCount,
        problem: 'SQS accepts a whole number from 1 to 1000',
        fix: 'give one in that range, or leave it unset (5)',
      });
    }
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Encrypts the queue ${this.node.path} and its dead-letter queue`,
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    const secure = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      fifo: props.fifo,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', { ...secure, retentionPeriod: Duration.days(14) });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...secure,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: props.retentionPeriod,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
  }
}
