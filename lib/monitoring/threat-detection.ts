import { Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

export interface ThreatDetectionProps {
  /**
   * Declare nothing: GuardDuty, Security Hub and Access Analyzer are run by an organisation-level setup (delegated
   * administrator). MONITOR-2 then relies on that setup, and the evidence says so instead of claiming the detectors.
   * @default false
   */
  readonly delegatedToOrganization?: boolean;
  /**
   * GuardDuty Runtime Monitoring with the managed agent for ECS Fargate.
   * @default true
   */
  readonly runtimeMonitoring?: boolean;
  /** How often GuardDuty publishes updates of existing findings. @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
}

/** Version of the AWS Foundational Security Best Practices standard subscribed to. */
export const FSBP_STANDARD_VERSION = '1.0.0';

/**
 * The account's detectors for MONITOR-2 (all L1; CloudFormation has no L2 for them):
 * GuardDuty with S3 data event and RDS login protection (and runtime monitoring for Fargate), Security Hub with the
 * AWS Foundational Security Best Practices standard, and an account IAM Access Analyzer.
 *
 * These are one-per-account-and-region services: deploying a second detector fails. Organisations that run them
 * centrally set `delegatedToOrganization: true`.
 */
export class ThreatDetection extends Construct {
  readonly detector?: guardduty.CfnDetector;
  readonly hub?: securityhub.CfnHub;
  readonly foundationalStandard?: securityhub.CfnStandard;
  readonly accessAnalyzer?: accessanalyzer.CfnAnalyzer;
  /** True when nothing is declared because an organisation-level setup runs the detectors. */
  readonly delegatedToOrganization: boolean;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    this.delegatedToOrganization = props.delegatedToOrganization ?? false;
    if (this.delegatedToOrganization) return;

    const features: guardduty.CfnDetector.CFNFeatureConfigurationProperty[] = [
      { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
      { name: 'RDS_LOGIN_EVENTS', status: 'ENABLED' },
    ];
    if (props.runtimeMonitoring ?? true) {
      features.push({
        name: 'RUNTIME_MONITORING',
        status: 'ENABLED',
        additionalConfiguration: [{ name: 'ECS_FARGATE_AGENT_MANAGEMENT', status: 'ENABLED' }],
      });
    }
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES',
      features,
    });

    this.hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    const stack = Stack.of(this);
    this.foundationalStandard = new securityhub.CfnStandard(this, 'FoundationalSecurityBestPractices', {
      standardsArn: `arn:${stack.partition}:securityhub:${stack.region}::standards/aws-foundational-security-best-practices/v/${FSBP_STANDARD_VERSION}`,
    });
    this.foundationalStandard.addResourceDependency(this.hub);

    this.accessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', { type: 'ACCOUNT' });
  }
}
