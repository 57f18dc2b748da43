import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { declarePlatformRole } from '../core/platform-roles';
import { AccessLogBucket } from '../data/access-log-bucket';
import { physicalNames } from '../config/physical-names';
import {
  configRuleNamePrefix,
  CONTINUOUS_CONFIG_RULES,
  hygieneConfigRuleNamePrefix,
} from '../core/requirements/continuous-config-rules';
import { AURORA_AIR_GAPPED_VAULT_CONFIG_RULE } from '../core/requirements/air-gapped-vault';
import { ModeRegion, modeInRegion } from '../core/service-modes';
import { GLOBAL_RESOURCE_CONTROLS, GLOBAL_RESOURCE_CONTROLS_REASON } from '../core/requirements/security-hub-controls';
import { DEFAULT_SSL_POLICY } from '../edge/tls-policies';
import { ConfigRecording } from '../monitoring/config-recording';
import { ContinuousConfigRules } from '../monitoring/continuous-config-rules';
import { FindingForwarding } from '../monitoring/finding-forwarding';
import { ThreatDetection } from '../monitoring/threat-detection';
import { breakGlassRoleArn } from './private/break-glass-role-arn';
import { PlatformStackProps } from './platform-stack-props';

export interface ThreatDetectionStackProps extends PlatformStackProps {
  /**
   * Forward this region's high-severity findings to the default event bus of that region (the primary), whose
   * SecurityAlerts rules route them to the alert topic.
   * @default - none: the findings of this region are routed by SecurityAlerts in this region
   */
  readonly forwardFindingsTo?: string;
  /**
   * Which of the environment's regions this is: picks each service's mode when `config.threatDetection` gives one per
   * region (`{ primary, recovery }`).
   * @default - 'recovery' when `forwardFindingsTo` is given, else 'primary'
   */
  readonly regionRole?: ModeRegion;
}

/**
 * One region's account singletons (GuardDuty, Security Hub, Access Analyzer, AWS Config recording), each per its mode
 * in `config.threatDetection` for this region. In a stack of their own, so that a collision with an account's existing detector
 * fails this stack only: the trail, the alarms and the alert topic of the monitoring stack deploy regardless.
 */
export class ThreatDetectionStack extends Stack {
  readonly threatDetection: ThreatDetection;
  readonly configRecording?: ConfigRecording;
  readonly forwarding?: FindingForwarding;
  readonly configRules: ContinuousConfigRules;

  constructor(scope: Construct, id: string, props: ThreatDetectionStackProps) {
    super(scope, id, props);
    const regionRole = props.regionRole ?? (props.forwardFindingsTo === undefined ? 'primary' : 'recovery');
    const setting = props.config.threatDetection;
    const modeOf = (service: keyof typeof setting) =>
      modeInRegion(`threatDetection.${service}`, setting[service], regionRole);
    // Global resource types (IAM) are recorded once, in the primary region; the recovery region's hub leaves the
    // controls that judge them to the primary, or Config.1 fails there (Critical).
    const recordsGlobalResources = regionRole === 'primary';
    this.threatDetection = new ThreatDetection(this, 'ThreatDetection', {
      guardDuty: modeOf('guardDuty'),
      securityHub: modeOf('securityHub'),
      accessAnalyzer: modeOf('accessAnalyzer'),
      disabledControls: recordsGlobalResources
        ? undefined
        : GLOBAL_RESOURCE_CONTROLS.map((controlId) => ({ controlId, reason: GLOBAL_RESOURCE_CONTROLS_REASON })),
    });
    if (modeOf('config') === 'create') {
      const accessLogs = new AccessLogBucket(this, 'AccessLogs');
      this.configRecording = new ConfigRecording(this, 'ConfigRecording', {
        accessLogBucket: accessLogs.bucket,
        includeGlobalResourceTypes: recordsGlobalResources,
      });
    }
    const c = props.config;
    this.configRules = new ContinuousConfigRules(this, 'ConfigRules', {
      environmentName: c.environmentName,
      region: recordsGlobalResources ? 'primary' : 'recovery',
      bucketNames: {
        uploads: physicalNames.uploadBucket(c),
        dumps: physicalNames.dumpBucket(c),
        'uploads-replica': physicalNames.uploadReplicaBucket(c),
        'dumps-replica': physicalNames.dumpReplicaBucket(c),
      },
      backupRetentionDays: c.backup.retentionDays,
      sslPolicies: [DEFAULT_SSL_POLICY],
      breakGlassPrincipalArns: [breakGlassRoleArn(c)],
      recorder: this.configRecording?.recorder,
      // The air-gapped vault's rule only with the vault: without it the rule could only ever be NON_COMPLIANT.
      requirements: c.backup.logicallyAirGappedVault.enabled
        ? [...CONTINUOUS_CONFIG_RULES, AURORA_AIR_GAPPED_VAULT_CONFIG_RULE]
        : undefined,
    });
    if (props.forwardFindingsTo) {
      this.forwarding = new FindingForwarding(this, 'FindingForwarding', {
        toRegion: props.forwardFindingsTo,
        configRuleNamePrefix: configRuleNamePrefix(c.environmentName),
        hygieneConfigRuleNamePrefix: hygieneConfigRuleNamePrefix(c.environmentName),
        // The recovery stack's restore testing plan runs in this region exactly when this is on.
        restoreTestFailures: c.backup.restoreTesting.enabled,
      });
      for (const rule of this.forwarding.restoreTestRules) declarePlatformRole(rule, 'restore-test-forwarding-rule');
    }
  }
}
