import { recoveryRegionFindingsForwarded as check } from '../../../../lib/compliance/checks/monitor-3/monitor3-recovery-region-findings-forwarded';
import {
  Change,
  edited,
  getAtt,
  inRegion,
  modelOf,
  onPlatform,
  outcomes,
  RECOVERY,
} from '../../../support/check-fixtures';
import { PLATFORM_METADATA_KEY } from '../../../../lib/core/platform-metadata';

const PRIMARY_BUS = 'arn:aws:events:eu-west-1:123456789012:event-bus/default';
const forward = (source: string, detail: Record<string, unknown>) => ({
  Type: 'AWS::Events::Rule',
  Properties: {
    State: 'ENABLED',
    EventPattern: { source: [source], detail },
    Targets: [
      {
        Id: 'Primary',
        // As CDK writes it: partition and account as pseudo parameters.
        Arn: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:', { Ref: 'AWS::AccountId' }, ':event-bus/default'],
          ],
        },
        RoleArn: getAtt('ForwardRole'),
      },
    ],
  },
});
const recovery = {
  Resources: {
    GuardDutyForward: forward('aws.guardduty', { severity: [{ numeric: ['>=', 7] }] }),
    HubForward: forward('aws.securityhub', { findings: { Severity: { Label: ['CRITICAL', 'HIGH'] } } }),
    ForwardRole: { Type: 'AWS::IAM::Role', Properties: {} },
  },
};
const judged = (change: Change) =>
  outcomes(
    check,
    modelOf({
      'prod-Monitoring': onPlatform({ Resources: {} }),
      'prod-RecoveryMonitoring': inRegion(RECOVERY, edited(onPlatform(recovery), change)),
    }),
  );
const GUARDDUTY = 'environment prod, eu-central-1: GuardDuty findings of severity 7 and above';
const SECURITY_HUB = 'environment prod, eu-central-1: Security Hub findings rated CRITICAL or HIGH';

describe('MONITOR3-RecoveryRegionFindingsForwarded', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      `pass GuardDutyForward: ${GUARDDUTY}: rule GuardDutyForward forwards them to ${PRIMARY_BUS}`,
      `pass HubForward: ${SECURITY_HUB}: rule HubForward forwards them to ${PRIMARY_BUS}`,
    ]);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': recovery }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: the metadata names no recovery region', () => {
    const template = onPlatform(recovery);
    const metadata = { ...(template.Metadata![PLATFORM_METADATA_KEY] as object), recoveryRegion: undefined };
    expect(
      outcomes(check, modelOf({ 'prod-Monitoring': { ...template, Metadata: { [PLATFORM_METADATA_KEY]: metadata } } })),
    ).toEqual(['fail -: environment prod: its metadata names no regions']);
  });

  test('Noncompliance 3: no enabled rule matches the high-severity findings in the recovery region', () => {
    expect(judged((r) => (r.GuardDutyForward.Properties.State = 'DISABLED'))[0]).toBe(
      `fail -: ${GUARDDUTY}: no enabled EventBridge rule matches them`,
    );
    expect(judged((r) => (r.HubForward.Properties.EventPattern.detail.findings.Severity.Label = ['CRITICAL']))[1]).toBe(
      `fail -: ${SECURITY_HUB}: no enabled EventBridge rule matches them`,
    );
    // Rules in the primary region do not forward the recovery region's findings.
    expect(
      outcomes(
        check,
        modelOf({
          'prod-Monitoring': onPlatform(recovery),
          'prod-RecoveryMonitoring': inRegion(RECOVERY, onPlatform({ Resources: {} })),
        }),
      ),
    ).toEqual([
      `fail -: ${GUARDDUTY}: no enabled EventBridge rule matches them`,
      `fail -: ${SECURITY_HUB}: no enabled EventBridge rule matches them`,
    ]);
  });

  test('Noncompliance 4: no target on the primary default bus with a role', () => {
    const unforwarded = `fail GuardDutyForward: ${GUARDDUTY}: rule GuardDutyForward has no target ${PRIMARY_BUS} with a role, so they reach no one`;
    expect(judged((r) => delete r.GuardDutyForward.Properties.Targets[0].RoleArn)[0]).toBe(unforwarded);
    expect(
      judged(
        (r) =>
          (r.GuardDutyForward.Properties.Targets[0].Arn = 'arn:aws:events:eu-central-1:123456789012:event-bus/default'),
      )[0],
    ).toBe(unforwarded);
  });
});
