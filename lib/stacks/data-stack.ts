import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { VpcStackProps } from './vpc-stack-props';

/**
 * The stateful tier: database, upload and dump buckets, primary backup vault and plan (DATA-1..4, REST-1..3).
 * Termination protection is on: deleting this stack would be the one way to lose customer data.
 */
export class DataStack extends Stack {
  constructor(scope: Construct, id: string, props: VpcStackProps) {
    super(scope, id, { ...props, terminationProtection: true });
  }
}
