import { Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { ServiceMode, serviceModeOf } from '../core/service-modes';
import {
  FSBP_STANDARD_RESOURCE,
  FSBP_STANDARD_VERSION,
  REQUIRED_DETECTOR_FEATURES,
} from '../core/requirements/threat-detection-features';

export interface ThreatDetectionProps {
  /**
   * GuardDuty: `create` declares the detector; `existing` (the account has one) and `organization` (a delegated
   * administrator runs it) declare none, and the evidence reports MONITOR-2's detector as not proven here.
   * @default 'create'
   */
  readonly guardDuty?: ServiceMode;
  /**
   * Security Hub and its AWS Foundational Security Best Practices subscription; only `create` declares them
   * (an `AWS::SecurityHub::Standard` for a standard the account's owner already enabled would collide too).
   * @default 'create'
   */
  readonly securityHub?: ServiceMode;
  /** The account IAM Access Analyzer; only `create` declares it. @default 'create' */
  readonly accessAnalyzer?: ServiceMode;
  /**
   * GuardDuty Runtime Monitoring with the managed agent for ECS Fargate.
   * @default true
   */
  readonly runtimeMonitoring?: boolean;
  /**
   * Controls of the Foundational Security Best Practices standard disabled in this region, each with the reason
   * Security Hub records (only with `securityHub: 'create'`; otherwise the account's owner disables them).
   * @default - none
   */
  readonly disabledControls?: readonly DisabledControl[];
  /** How often GuardDuty publishes updates of existing findings. @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
}

/** A standard's control switched off in one region, and why. */
export interface DisabledControl {
  /** Control id, for example `IAM.1`. */
  readonly controlId: string;
  /** Why, as Security Hub records it. */
  readonly reason: string;
}

/** Version of the AWS Foundational Security Best Practices standard subscribed to (core's, which the preflight reads). */
export { FSBP_STANDARD_VERSION };

/**
 * One region's detectors for MONITOR-2 (all L1; CloudFormation has no L2 for them): GuardDuty with S3 data event
 * and RDS login protection (and runtime monitoring for Fargate), Security Hub with the AWS Foundational Security
 * Best Practices standard, and an account IAM Access Analyzer.
 *
 * These are one-per-account-and-region services: declaring a second one fails the stack. Each has its own mode, so
 * an account that already runs one (or whose organisation does) keeps the others.
 */
export class ThreatDetection extends Construct {
  readonly detector?: guardduty.CfnDetector;
  readonly hub?: securityhub.CfnHub;
  readonly foundationalStandard?: securityhub.CfnStandard;
  readonly accessAnalyzer?: accessanalyzer.CfnAnalyzer;
  readonly modes: {
    readonly guardDuty: ServiceMode;
    readonly securityHub: ServiceMode;
    readonly accessAnalyzer: ServiceMode;
  };

  constructor(scope: Construct, id: string, props: ThreatDetectionProps = {}) {
    super(scope, id);
    this.modes = {
      guardDuty: serviceModeOf('guardDuty', props.guardDuty, this),
      securityHub: serviceModeOf('securityHub', props.securityHub, this),
      accessAnalyzer: serviceModeOf('accessAnalyzer', props.accessAnalyzer, this),
    };
    if (this.modes.guardDuty === 'create') this.detector = this.createDetector(props);
    if (this.modes.securityHub === 'create') {
      this.hub = new securityhub.CfnHub(this, 'Hub', {
        enableDefaultStandards: false,
        controlFindingGenerator: 'SECURITY_CONTROL',
        autoEnableControls: true,
      });
      const stack = Stack.of(this);
      const controls = props.disabledControls ?? [];
      for (const c of controls) {
        if (!/^[A-Za-z0-9]+\.\d+$/.test(c.controlId) || !c.reason?.trim()) {
          throw new PlatformConstructError({
            code: 'ThreatDetection.disabledControls',
            scope: this,
            setting: 'disabledControls',
            value: c,
            problem: 'lacks a control id or a reason',
            fix: "give each a control id such as 'IAM.1' and the reason Security Hub should record",
          });
        }
      }
      this.foundationalStandard = new securityhub.CfnStandard(this, 'FoundationalSecurityBestPractices', {
        standardsArn: `arn:${stack.partition}:securityhub:${stack.region}::${FSBP_STANDARD_RESOURCE}`,
        disabledStandardsControls: controls.length
          ? controls.map((c) => ({
              standardsControlArn: `arn:${stack.partition}:securityhub:${stack.region}:${stack.account}:control/aws-foundational-security-best-practices/v/${FSBP_STANDARD_VERSION}/${c.controlId}`,
              reason: c.reason,
            }))
          : undefined,
      });
      this.foundationalStandard.addResourceDependency(this.hub);
    }
    if (this.modes.accessAnalyzer === 'create') {
      this.accessAnalyzer = new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', { type: 'ACCOUNT' });
    }
  }

  private createDetector(props: ThreatDetectionProps): guardduty.CfnDetector {
    // The features the preflight requires of an account's own detector: one list for both (core's requirements).
    const features: guardduty.CfnDetector.CFNFeatureConfigurationProperty[] = REQUIRED_DETECTOR_FEATURES.filter(
      (f) => f.name !== 'RUNTIME_MONITORING' || (props.runtimeMonitoring ?? true),
    ).map((f) => ({
      name: f.name,
      status: 'ENABLED',
      ...(f.additionalConfiguration.length
        ? { additionalConfiguration: f.additionalConfiguration.map((name) => ({ name, status: 'ENABLED' })) }
        : {}),
    }));
    return new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES',
      features,
    });
  }
}
