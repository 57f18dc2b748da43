import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlatformStackProps } from './platform-stack-props';

/** Audit trail, threat detection and security alerts (MONITOR-1..3). */
export class MonitoringStack extends Stack {
  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
  }
}
