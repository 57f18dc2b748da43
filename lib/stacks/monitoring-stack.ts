import { Stack } from 'aws-cdk-lib';
import { declarePlatformRole } from '../core/platform-roles';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AuditTrail } from '../monitoring/audit-trail';
import { DumpAlarms } from '../monitoring/dump-alarms';
import { DumpCheckAlarms } from '../monitoring/dump-check-alarms';
import { RestoreValidationAlarm } from '../monitoring/restore-validation-alarm';
import { ReplicationAlarms } from '../monitoring/replication-alarms';
import { SecurityTxtExpiryReminder } from '../monitoring/security-txt-expiry-reminder';
import { REPLICATION_RULE_ID } from '../data/encrypted-upload-bucket';
import { SecurityAlerts } from '../monitoring/security-alerts';
import { physicalNames } from '../config/physical-names';
import { configRuleNamePrefix, hygieneConfigRuleNamePrefix } from '../core/requirements/continuous-config-rules';
import { PlatformStackProps } from './platform-stack-props';

export interface MonitoringStackProps extends PlatformStackProps {
  /** The moment the security.txt expiry is judged against. @default - now */
  readonly now?: Date;
}

/**
 * Audit trail and security alerts (MONITOR-1..3). The detectors are in the ThreatDetection stacks, so an account
 * singleton that collides fails those alone.
 */
export class MonitoringStack extends Stack {
  readonly auditTrail: AuditTrail;
  readonly alerts: SecurityAlerts;
  readonly replicationAlarms: ReplicationAlarms;
  readonly dumpAlarms: DumpAlarms;
  readonly dumpCheckAlarms: DumpCheckAlarms;
  /** Present while `backup.restoreTesting.enabled`: the validation function exists only then. */
  readonly restoreValidationAlarm?: RestoreValidationAlarm;
  readonly securityTxtReminder: SecurityTxtExpiryReminder;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
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

    // Trail files are locked in the environment's one lock mode, the vaults' and the dumps'.
    this.auditTrail = new AuditTrail(this, 'AuditTrail', {
      customerDataBuckets,
      objectLockMode: config.backup.vaultLockMode,
    });
    this.alerts = new SecurityAlerts(this, 'SecurityAlerts', {
      emails: config.alertEmails,
      trailLogGroup: this.auditTrail.logGroup,
      configRuleNamePrefix: configRuleNamePrefix(config.environmentName),
      hygieneConfigRuleNamePrefix: hygieneConfigRuleNamePrefix(config.environmentName),
    });
    // The alerts' dead-letter queue is a data store too: who reads or purges a lost alert is recorded.
    this.auditTrail.recordQueueDataEvents([this.alerts.deadLetterQueue]);
    // By deterministic names, like the trail's data events: no cross-stack reference to the data stack.
    this.replicationAlarms = new ReplicationAlarms(this, 'ReplicationAlarms', {
      topic: this.alerts.topic,
      replications: [
        [physicalNames.uploadBucket(config), physicalNames.uploadReplicaBucket(config)],
        [physicalNames.dumpBucket(config), physicalNames.dumpReplicaBucket(config)],
      ].map(([sourceBucketName, destinationBucketName]) => ({
        sourceBucketName,
        destinationBucketName,
        ruleId: REPLICATION_RULE_ID,
      })),
    });
    this.dumpAlarms = new DumpAlarms(this, 'DumpAlarms', {
      topic: this.alerts.topic,
      deadLetterQueue: this.alerts.deadLetterQueue,
      taskFamily: physicalNames.dumpTaskFamily(config),
      containerName: physicalNames.dumpContainer(),
      bucketName: physicalNames.dumpBucket(config),
      requestMetricsFilterId: physicalNames.dumpRequestMetricsFilter(),
    });
    this.dumpCheckAlarms = new DumpCheckAlarms(this, 'DumpCheckAlarms', {
      topic: this.alerts.topic,
      functionName: physicalNames.dumpCheckFunction(config),
    });
    if (config.backup.restoreTesting.enabled) {
      // By the environment's name, the dimension the validation function writes: no cross-stack reference.
      this.restoreValidationAlarm = new RestoreValidationAlarm(this, 'RestoreValidationAlarm', {
        topic: this.alerts.topic,
        environmentName: config.environmentName,
      });
    }
    this.securityTxtReminder = new SecurityTxtExpiryReminder(this, 'SecurityTxtExpiry', {
      expires: config.securityContact.expires,
      topic: this.alerts.topic,
      deadLetterQueue: this.alerts.deadLetterQueue,
      now: props.now,
    });

    // The roles core's requirements select these resources by (never by construct id).
    declarePlatformRole(this.alerts.topic, 'alert-topic');
    declarePlatformRole(this.auditTrail.trail, 'audit-trail');
    declarePlatformRole(this.auditTrail.bucket, 'audit-trail-bucket');
    declarePlatformRole(this.auditTrail.logGroup, 'audit-trail-log-group');
    declarePlatformRole(this.auditTrail.node.findChild('LogsRole'), 'audit-trail-logs-role');
    for (const alarm of this.alerts.alarms) declarePlatformRole(alarm, 'cis-alarm');
    for (const alarm of this.replicationAlarms.alarms) declarePlatformRole(alarm, 'replication-alarm');
    declarePlatformRole(this.dumpAlarms.staleAlarm, 'dump-freshness-alarm');
    declarePlatformRole(this.dumpCheckAlarms.failedAlarm, 'dump-check-alarm');
    declarePlatformRole(this.dumpCheckAlarms.notRunAlarm, 'dump-check-alarm');
    if (this.restoreValidationAlarm) declarePlatformRole(this.restoreValidationAlarm.alarm, 'restore-validation-alarm');
    declarePlatformRole(this.securityTxtReminder.rule, 'security-txt-reminder');
    for (const rule of this.alerts.restoreTestRules) declarePlatformRole(rule, 'restore-test-alert-rule');
  }
}
