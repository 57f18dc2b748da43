import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ThreatDetection } from '../monitoring/threat-detection';
import { PlatformStackProps } from './platform-stack-props';

/**
 * One region's account singletons (GuardDuty, Security Hub, Access Analyzer), each per its mode in
 * `config.threatDetection`. In a stack of their own, so that a collision with an account's existing detector fails
 * this stack only: the trail, the alarms and the alert topic of the monitoring stack deploy regardless.
 */
export class ThreatDetectionStack extends Stack {
  readonly threatDetection: ThreatDetection;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const modes = props.config.threatDetection;
    this.threatDetection = new ThreatDetection(this, 'ThreatDetection', {
      guardDuty: modes.guardDuty,
      securityHub: modes.securityHub,
      accessAnalyzer: modes.accessAnalyzer,
    });
  }
}
