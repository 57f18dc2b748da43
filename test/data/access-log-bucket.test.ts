import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { AccessLogBucket } from '../../lib/data/access-log-bucket';

/** A bucket logging into an AccessLogBucket, in an app with `context` as its feature flags. */
function logTarget(context: Record<string, unknown>): { template: Template; target: string } {
  const stack = new Stack(new App({ context }), 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
  const logs = new AccessLogBucket(stack, 'AccessLogs');
  new s3.Bucket(stack, 'Source', { serverAccessLogsBucket: logs.bucket });
  return {
    template: Template.fromStack(stack),
    target: stack.getLogicalId(logs.bucket.node.defaultChild as s3.CfnBucket),
  };
}

describe("AccessLogBucket receives S3 server access logs by bucket policy whatever the app's feature flags", () => {
  test.each([
    ['no feature flags (the README cdk.json)', {}],
    ['the flag set to false', { [S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY]: false }],
  ])('with %s: owner enforced, public access blocked, logging.s3.amazonaws.com allowed by policy', (_, context) => {
    const { template, target } = logTarget(context);
    const bucket = template.toJSON().Resources[target] as { Properties: Record<string, unknown> };
    expect(bucket.Properties).not.toHaveProperty('AccessControl');
    expect(bucket.Properties).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: target },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } }),
        ]),
      },
    });
  });
});
