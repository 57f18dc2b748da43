import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AuditTrail } from '../monitoring/audit-trail';
import { SecurityAlerts } from '../monitoring/security-alerts';
import { physicalNames } from '../config/physical-names';
import { configRuleNamePrefix } from '../core/requirements/continuous-config-rules';
import { PlatformStackProps } from './platform-stack-props';

/**
 * Audit trail and security alerts (MONITOR-1..3). The detectors are in the ThreatDetection stacks, so an account
 * singleton that collides fails those alone.
 */
export class MonitoringStack extends Stack {
  readonly auditTrail: AuditTrail;
  readonly alerts: SecurityAlerts;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { config } = props;

    // Customer-data buckets by their deterministic names: no cross-stack reference to the data or recovery stack.
    // The trail is multi-region, so its data event selectors also cover the replicas in the recovery region.
    const customerDataBuckets = [
      physicalNames.uploadBucket(config),
      physicalNames.dumpBucket(config),
      physicalNames.uploadReplicaBucket(config),
      physicalNames.dumpReplicaBucket(config),
    ].map((name, i) => s3.Bucket.fromBucketName(this, `CustomerDataBucket${i}`, name));

    this.auditTrail = new AuditTrail(this, 'AuditTrail', { customerDataBuckets });
    this.alerts = new SecurityAlerts(this, 'SecurityAlerts', {
      emails: config.alertEmails,
      trailLogGroup: this.auditTrail.logGroup,
      configRuleNamePrefix: configRuleNamePrefix(config.environmentName),
    });
  }
}
