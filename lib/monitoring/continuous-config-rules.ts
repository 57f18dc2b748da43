import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import {
  configRuleName,
  CONTINUOUS_CONFIG_RULES,
  ConfigRuleRequirement,
  PlatformRegionRole,
  WatchedBucket,
} from '../core/requirements/continuous-config-rules';

export interface ContinuousConfigRulesProps {
  /** Prefixes every rule name, so that SecurityAlerts alerts on the platform's own rules only. */
  readonly environmentName: string;
  /** Which of the platform's regions this is; the requirements table says which rules run where. */
  readonly region: PlatformRegionRole;
  /** Physical names of the customer-data buckets, for the bucket-scoped rules. */
  readonly bucketNames: Readonly<Record<WatchedBucket, string>>;
  /** Daily recovery point retention the backup rules require (config `backup.retentionDays`). */
  readonly backupRetentionDays: number;
  /** ELB security policies an HTTPS listener may use. */
  readonly sslPolicies: readonly string[];
  /**
   * The region's configuration recorder when this stack declares it: Config refuses a rule before a recorder exists.
   * @default - none (the account's or the organisation's recorder runs already)
   */
  readonly recorder?: config.CfnConfigurationRecorder;
  /** @default CONTINUOUS_CONFIG_RULES */
  readonly requirements?: readonly ConfigRuleRequirement[];
}

/**
 * The AWS managed Config rules that keep checking, in the running account, the properties the claims checks prove
 * at synth (table: lib/core/requirements/continuous-config-rules.ts). Declared in every `threatDetection.config`
 * mode: rules are not singletons. A rule turning NON_COMPLIANT alerts through SecurityAlerts.
 */
export class ContinuousConfigRules extends Construct {
  readonly rules: config.CfnConfigRule[] = [];

  constructor(scope: Construct, id: string, props: ContinuousConfigRulesProps) {
    super(scope, id);
    // A rule given "undefined" or an empty list as its parameter would run, and judge nothing rightly.
    if (!Number.isInteger(props.backupRetentionDays) || props.backupRetentionDays < 1) {
      throw new Error(
        `ContinuousConfigRules backupRetentionDays = ${JSON.stringify(props.backupRetentionDays)}. Fix: give the backup plan's daily retention in whole days (config backup.retentionDays).`,
      );
    }
    if (!Array.isArray(props.sslPolicies) || props.sslPolicies.length === 0) {
      throw new Error(
        `ContinuousConfigRules sslPolicies = ${JSON.stringify(props.sslPolicies)}. Fix: give the ELB security policies an HTTPS listener may use (for example ['ELBSecurityPolicy-TLS13-1-2-2021-06']).`,
      );
    }
    for (const requirement of props.requirements ?? CONTINUOUS_CONFIG_RULES) {
      const where = requirement.regions[props.region];
      if (!where) continue;
      if (where === 'account') this.addRule(requirement, props);
      else for (const bucket of where) this.addRule(requirement, props, bucket);
    }
  }

  private addRule(requirement: ConfigRuleRequirement, props: ContinuousConfigRulesProps, bucket?: WatchedBucket): void {
    const rule = new config.CfnConfigRule(
      this,
      bucket ? `${requirement.identifier}-${bucket}` : requirement.identifier,
      {
        configRuleName: configRuleName(props.environmentName, requirement.identifier, bucket),
        description: `Watches ${requirement.claims.join(', ')}: ${requirement.watches}`,
        source: { owner: 'AWS', sourceIdentifier: requirement.identifier },
        scope: bucket
          ? { complianceResourceTypes: ['AWS::S3::Bucket'], complianceResourceId: props.bucketNames[bucket] }
          : undefined,
        inputParameters: requirement.inputParameters ? parameters(requirement, props) : undefined,
      },
    );
    if (props.recorder) rule.addResourceDependency(props.recorder);
    this.rules.push(rule);
  }
}

function parameters(requirement: ConfigRuleRequirement, props: ContinuousConfigRulesProps): Record<string, string> {
  return Object.fromEntries(
    Object.entries(requirement.inputParameters ?? {}).map(([key, value]) => {
      if (typeof value === 'string') return [key, value];
      return [
        key,
        value.from === 'backupRetentionDays' ? String(props.backupRetentionDays) : props.sslPolicies.join(','),
      ];
    }),
  );
}
