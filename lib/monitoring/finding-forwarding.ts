import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PlatformConstructError } from '../core/errors';
import { confinedServicePrincipal } from '../core/grants/service-trust';
import {
  configRuleNonCompliantPattern,
  guardDutyFindingsPattern,
  restoreTestFailedPattern,
  restoreValidationFailedPattern,
  SECURITY_HUB_CRITICAL_OR_HIGH_PATTERN,
} from './private/alert-event-patterns';

export interface FindingForwardingProps {
  /** The region whose default event bus receives the findings; its SecurityAlerts rules route them to the topic. */
  readonly toRegion: string;
  /**
   * Forward AWS Config rules of this name prefix turning NON_COMPLIANT; match SecurityAlerts'.
   * @default - Config compliance changes are not forwarded
   */
  readonly configRuleNamePrefix?: string;
  /**
   * Forward the account-hygiene Config rules of this name prefix turning NON_COMPLIANT; match SecurityAlerts'.
   * @default - not forwarded
   */
  readonly hygieneConfigRuleNamePrefix?: string;
  /** Lowest GuardDuty severity forwarded; match SecurityAlerts'. @default 7 */
  readonly guardDutyMinimumSeverity?: number;
  /**
   * Forward this region's failed restore tests (restore FAILED or ABORTED, validation FAILED or TIMED_OUT), with
   * SecurityAlerts' own patterns: turn it on where a restore testing plan runs in this region.
   * @default false - restore tests of this region alert nobody
   */
  readonly restoreTestFailures?: boolean;
}

/**
 * Forwards this region's high-severity GuardDuty and Security Hub findings (and Config rules turning
 * NON_COMPLIANT, and failed restore tests) to the default event bus of another
 * region of the same account, where SecurityAlerts routes them to the encrypted alert topic (MONITOR-3). A
 * cross-region event bus target rather than a second topic: one topic, one set of confirmed subscriptions, one
 * key, and the events arrive with their source and detail unchanged.
 */
export class FindingForwarding extends Construct {
  readonly rules: events.Rule[] = [];
  /** The rules that forward failed restore tests (also in `rules`); empty unless `restoreTestFailures`. */
  readonly restoreTestRules: events.Rule[] = [];
  readonly role: iam.Role;
  readonly targetBusArn: string;

  constructor(scope: Construct, id: string, props: FindingForwardingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!stack.region || props.toRegion === stack.region) {
      throw new PlatformConstructError({
        code: 'FindingForwarding.toRegion',
        scope: this,
        setting: 'toRegion',
        value: props.toRegion,
        problem: "is the stack's own region",
        fix: 'forward from the recovery region to the primary region',
      });
    }
    this.targetBusArn = stack.formatArn({
      service: 'events',
      region: props.toRegion,
      resource: 'event-bus',
      resourceName: 'default',
    });
    const bus = events.EventBus.fromEventBusArn(this, 'TargetBus', this.targetBusArn);
    // Our own role with a customer managed policy (the target's default role carries an inline policy).
    this.role = new iam.Role(this, 'Role', {
      // Only for this account's rules in this region (confused deputy).
      assumedBy: confinedServicePrincipal(
        'events.amazonaws.com',
        this,
        `arn:${Stack.of(this).partition}:events:${Stack.of(this).region}:${Stack.of(this).account}:rule/*`,
      ),
      description: `Forwards security findings to the default event bus of ${props.toRegion}`,
    });
    new iam.ManagedPolicy(this, 'Policy', {
      description: `PutEvents to the default event bus of ${props.toRegion} only`,
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.targetBusArn] })],
      roles: [this.role],
    });
    const forward = (ruleId: string, description: string, eventPattern: events.EventPattern) => {
      const rule = new events.Rule(this, ruleId, { description, eventPattern });
      // The policy above grants PutEvents; the target's own grant would add an inline policy, so it is not made.
      rule.addTarget(new targets.EventBus(bus, { role: this.role.withoutPolicyUpdates() }));
      this.rules.push(rule);
      return rule;
    };
    forward(
      'GuardDutyHighSeverityFindings',
      `GuardDuty findings of severity ${props.guardDutyMinimumSeverity ?? 7} or higher, to ${props.toRegion}`,
      guardDutyFindingsPattern(props.guardDutyMinimumSeverity ?? 7),
    );
    forward(
      'SecurityHubCriticalOrHighFindings',
      `New, active Security Hub findings rated CRITICAL or HIGH, to ${props.toRegion}`,
      SECURITY_HUB_CRITICAL_OR_HIGH_PATTERN,
    );
    if (props.configRuleNamePrefix !== undefined) {
      forward(
        'ConfigRuleNonCompliant',
        `AWS Config rules ${props.configRuleNamePrefix}* turning NON_COMPLIANT, to ${props.toRegion}`,
        configRuleNonCompliantPattern(props.configRuleNamePrefix),
      );
    }
    if (props.hygieneConfigRuleNamePrefix !== undefined) {
      forward(
        'ConfigRuleHygiene',
        `Account-hygiene AWS Config rules ${props.hygieneConfigRuleNamePrefix}* turning NON_COMPLIANT, to ${props.toRegion}`,
        configRuleNonCompliantPattern(props.hygieneConfigRuleNamePrefix),
      );
    }
    if (props.restoreTestFailures) {
      this.restoreTestRules.push(
        forward(
          'RestoreTestFailed',
          `AWS Backup restore tests whose restore failed or was aborted, to ${props.toRegion}`,
          restoreTestFailedPattern(),
        ),
        forward(
          'RestoreValidationFailed',
          `AWS Backup restore tests whose validation failed or timed out, to ${props.toRegion}`,
          restoreValidationFailedPattern(),
        ),
      );
    }
  }
}
