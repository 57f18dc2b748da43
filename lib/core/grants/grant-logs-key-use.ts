import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';

/** What CloudWatch Logs asks of a log group's key. */
const LOGS_KEY_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:DescribeKey',
];

/**
 * Lets CloudWatch Logs of the key's region use `key` for the log groups of this account and region only: the
 * encryption context CloudWatch Logs sends names the log group (`kms:EncryptionContext:aws:logs:arn`), so no other
 * account's log group can be encrypted with, or read through, the key
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). A key imported from outside
 * the stack has no policy here to add to; its owner must allow the same.
 */
export function allowLogsToUseKey(key: kms.IKey, sid = 'CloudWatchLogsOfThisAccountAndRegion'): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: LOGS_KEY_ACTIONS,
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
}
