import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlatformStackProps } from './platform-stack-props';

/** The second region: recovery vault and replica buckets (DATA-3, REST-1, REST-3). */
export class RecoveryStack extends Stack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
  }
}
