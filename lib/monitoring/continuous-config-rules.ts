import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import {
  configRuleName,
  CONTINUOUS_CONFIG_RULES,
  ConfigDerivedParameter,
  ConfigRuleRequirement,
  MAX_CONTINUOUS_BACKUP_DAYS,
  PLATFORM_TAG_KEY,
  PlatformRegionRole,
  RuleScope,
  WatchedBucket,
} from '../core/requirements/continuous-config-rules';

export interface ContinuousConfigRulesProps {
  /** Prefixes every rule name, so that SecurityAlerts alerts on the platform's own rules only. */
  readonly environmentName: string;
  /** Which of the platform's regions this is; the requirements table says which rules run where. */
  readonly region: PlatformRegionRole;
  /** Physical names of the customer-data buckets, for the bucket-scoped rules. */
  readonly bucketNames: Readonly<Record<WatchedBucket, string>>;
  /**
   * Daily recovery point retention (config `backup.retentionDays`). The backup rules get what each region keeps:
   * at most 35 days in the primary region (continuous backups), the full retention for the copies in the recovery
   * region.
   */
  readonly backupRetentionDays: number;
  /** ELB security policies an HTTPS listener may use. */
  readonly sslPolicies: readonly string[];
  /**
   * The principals the vaults' deletion Deny exempts (break glass): BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED
   * gets them as `principalArnList`.
   */
  readonly breakGlassPrincipalArns: readonly string[];
  /**
   * Value of the PLATFORM_TAG_KEY tag every platform resource carries; `platform` rules select by it.
   * @default environmentName
   */
  readonly platformTagValue?: string;
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
 * mode: rules are not singletons. Each judges the platform's own resources (tag, bucket name or parameter) unless the
 * table names it account hygiene; a claim rule turning NON_COMPLIANT alerts through SecurityAlerts as a claim that
 * stopped holding, a hygiene rule (`hygiene-<env>-...`) as account hygiene.
 */
export class ContinuousConfigRules extends Construct {
  readonly rules: config.CfnConfigRule[] = [];

  constructor(scope: Construct, id: string, props: ContinuousConfigRulesProps) {
    super(scope, id);
    // A rule given "undefined" or an empty list as its parameter would run, and judge nothing rightly.
    if (!Number.isInteger(props.backupRetentionDays) || props.backupRetentionDays < 1) {
      throw new PlatformConstructError({
        code: 'ContinuousConfigRules.backupRetentionDays',
        scope: this,
        setting: 'backupRetentionDays',
        value: props.backupRetentionDays,
        problem: 'is not a whole number of days',
        fix: "give the backup plan's daily retention in whole days (config backup.retentionDays)",
      });
    }
    if (!Array.isArray(props.sslPolicies) || props.sslPolicies.length === 0) {
      throw new PlatformConstructError({
        code: 'ContinuousConfigRules.sslPolicies',
        scope: this,
        setting: 'sslPolicies',
        value: props.sslPolicies,
        problem: 'names no policy',
        fix: "give the ELB security policies an HTTPS listener may use (for example ['ELBSecurityPolicy-TLS13-1-2-2021-06'])",
      });
    }
    if (!Array.isArray(props.breakGlassPrincipalArns) || props.breakGlassPrincipalArns.length === 0) {
      throw new PlatformConstructError({
        code: 'ContinuousConfigRules.breakGlassPrincipalArns',
        scope: this,
        setting: 'breakGlassPrincipalArns',
        value: props.breakGlassPrincipalArns,
        problem: 'names no principal, so the manual-deletion rule judges their own exemption a breach',
        fix: 'give the principals the vault policies exempt from their deletion Deny (the break-glass role)',
      });
    }
    for (const requirement of props.requirements ?? CONTINUOUS_CONFIG_RULES) {
      const where = requirement.regions[props.region];
      if (!where) continue;
      if (typeof where === 'string') this.addRule(requirement, where, props);
      else for (const bucket of where) this.addRule(requirement, where, props, bucket);
    }
  }

  private addRule(
    requirement: ConfigRuleRequirement,
    where: RuleScope,
    props: ContinuousConfigRulesProps,
    bucket?: WatchedBucket,
  ): void {
    const hygiene = where === 'hygiene';
    const rule = new config.CfnConfigRule(
      this,
      bucket ? `${requirement.identifier}-${bucket}` : requirement.identifier,
      {
        configRuleName: configRuleName(props.environmentName, requirement.identifier, bucket, hygiene),
        description: `${hygiene ? 'Account hygiene (judges the whole account, not only the platform). ' : ''}Watches ${requirement.claims.join(', ')}: ${requirement.watches}`,
        source: { owner: 'AWS', sourceIdentifier: requirement.identifier },
        scope: this.scopeOf(requirement, where, props, bucket),
        inputParameters: requirement.inputParameters ? parameters(requirement, props, bucket) : undefined,
      },
    );
    if (props.recorder) rule.addResourceDependency(props.recorder);
    this.rules.push(rule);
  }

  /** Config scopes change-triggered evaluations only: a periodic rule must narrow itself by a parameter. */
  private scopeOf(
    requirement: ConfigRuleRequirement,
    where: RuleScope,
    props: ContinuousConfigRulesProps,
    bucket?: WatchedBucket,
  ): config.CfnConfigRule.ScopeProperty | undefined {
    if (where === 'account' || where === 'hygiene') return undefined;
    if (requirement.trigger === 'periodic') {
      const narrowing = bucket ? 'bucketName' : 'platformTag';
      const narrowed = Object.values(requirement.inputParameters ?? {}).some(
        (v) => typeof v !== 'string' && v.from === narrowing,
      );
      if (!narrowed) {
        throw new PlatformConstructError({
          code: 'ContinuousConfigRules.requirements.periodicScope',
          scope: this,
          setting: 'requirements',
          value: requirement.identifier,
          problem: `is periodic and scoped '${JSON.stringify(where)}', but no parameter takes '${narrowing}'`,
          fix: `give it the rule's resource parameter from '${narrowing}', or make it 'hygiene' (the platform's own rules: lib/core/requirements/continuous-config-rules.ts)`,
        });
      }
      return undefined;
    }
    return bucket
      ? { complianceResourceTypes: ['AWS::S3::Bucket'], complianceResourceId: props.bucketNames[bucket] }
      : { tagKey: PLATFORM_TAG_KEY, tagValue: props.platformTagValue ?? props.environmentName };
  }
}

function parameters(
  requirement: ConfigRuleRequirement,
  props: ContinuousConfigRulesProps,
  bucket?: WatchedBucket,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(requirement.inputParameters ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : derived(value, requirement, props, bucket),
    ]),
  );
}

const REGION_BUCKETS: Record<PlatformRegionRole, readonly WatchedBucket[]> = {
  primary: ['uploads', 'dumps'],
  recovery: ['uploads-replica', 'dumps-replica'],
};

function derived(
  value: ConfigDerivedParameter,
  requirement: ConfigRuleRequirement,
  props: ContinuousConfigRulesProps,
  bucket?: WatchedBucket,
): string {
  switch (value.from) {
    case 'retentionInRegion':
      // The plan's rule keeps continuous backups at most 35 days; only the copies keep more.
      return String(
        props.region === 'primary'
          ? Math.min(props.backupRetentionDays, MAX_CONTINUOUS_BACKUP_DAYS)
          : props.backupRetentionDays,
      );
    case 'sslPolicies':
      return props.sslPolicies.join(',');
    case 'platformTag':
      return JSON.stringify({ [PLATFORM_TAG_KEY]: props.platformTagValue ?? props.environmentName });
    case 'customerBuckets':
      return REGION_BUCKETS[props.region].map((b) => props.bucketNames[b]).join(',');
    case 'breakGlassPrincipals':
      return props.breakGlassPrincipalArns.join(',');
    case 'bucketName':
      if (!bucket) {
        throw new PlatformConstructError({
          code: 'ContinuousConfigRules.requirements.bucketScope',
          setting: 'requirements',
          value: requirement.identifier,
          problem: 'takes a bucket name but is not bucket-scoped',
          fix: "scope it to buckets (the platform's own rules: lib/core/requirements/continuous-config-rules.ts)",
        });
      }
      return props.bucketNames[bucket];
  }
}
