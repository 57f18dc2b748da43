import { evaluateFlows, flowChecks, FlowTable, FlowVerdict } from '../../../lib/compliance/flows';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { FORBIDDEN_FLOWS, REQUIRED_FLOWS } from '../../../lib/core/requirements/flows';
import { ofType, weakenedReference } from '../../support/claims-support';
import { referenceAssembly } from '../../support/reference-assembly';

const flow = (id: string) => [...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS].find((f) => f.id === id)!;
const SETS_LOCK = flow('deployment-role-sets-vault-lock');
const NO_POLICY_CHANGE = flow('deployment-role-cannot-change-vault-policy-or-unlock');
const NO_RECOVERY_POINT_DELETE = flow('deployment-role-cannot-delete-recovery-points');
const TABLE: FlowTable = { required: [SETS_LOCK], forbidden: [NO_POLICY_CHANGE, NO_RECOVERY_POINT_DELETE] };
const role = (region: string) => `arn:aws:iam::123456789012:role/cdk-hnb659fds-cfn-exec-role-123456789012-${region}`;

/** `principal ARN action vault-or-recovery-point: decision (decisive Sids)`, one line a request. */
function lines(verdict: FlowVerdict): string[] {
  return verdict.requests.map(
    (r) =>
      `${r.request.principal.roleArn} ${r.request.action} ${r.request.resourceLabel}: ${r.decision}` +
      ` (${r.decisive.map((d) => d.label.replace(/^.* Sid /, '')).join(', ')})`,
  );
}
const verdictsOn = (assembly: PlatformAssembly) => {
  const verdicts = evaluateFlows(assembly, TABLE);
  return (id: string) => verdicts.find((v) => v.flow.id === id)!;
};

/** The vault policy as it was: the deployment role exempt from every policy-and-lock deny. */
const oldExemption = () =>
  weakenedReference((_, t) => {
    for (const [, v] of ofType(t.Resources, 'AWS::Backup::BackupVault')) {
      const [guard, lockPut] = v.Properties.AccessPolicy.Statement;
      const recoveryPoint = (a: string) => a.includes('RecoveryPoint');
      v.Properties.AccessPolicy.Statement = [
        { ...guard, Sid: 'OnlyBreakGlassDeletesOrShortensRecoveryPoints', Action: guard.Action.filter(recoveryPoint) },
        {
          ...lockPut,
          Sid: 'OnlyBreakGlassOrDeployChangesPolicyOrLock',
          Action: [...guard.Action.filter((a: string) => !recoveryPoint(a)), lockPut.Action],
        },
      ];
    }
  });

describe("the deployment role (CDK's cfn-exec role) against the vault policies", () => {
  test("on the reference, each vault lets its own region's deployment role set the lock, and nothing else", () => {
    const verdict = verdictsOn(referenceAssembly());
    expect(lines(verdict(SETS_LOCK.id)).sort()).toEqual([
      `${role('eu-central-1')} backup:PutBackupVaultLockConfiguration ref-Recovery/RecoveryVault748005C1: Allowed (Administrator)`,
      `${role('eu-west-1')} backup:PutBackupVaultLockConfiguration ref-Data/BackupVault368E0ECE: Allowed (Administrator)`,
    ]);
    const denied = [...lines(verdict(NO_POLICY_CHANGE.id)), ...lines(verdict(NO_RECOVERY_POINT_DELETE.id))];
    expect(denied).toHaveLength(10);
    for (const line of denied)
      expect(line).toMatch(/: ExplicitlyDenied \(OnlyBreakGlassDeletesRecoveryPointsOrChangesPolicy\)$/);
    expect(denied.filter((l) => l.includes('RecoveryVault')).every((l) => l.startsWith(role('eu-central-1')))).toBe(
      true,
    );
    for (const check of flowChecks('forbidden', TABLE).concat(flowChecks('required', TABLE)))
      expect(check.run(referenceAssembly()).map((r) => r.status)).toEqual(['pass']);
  });

  test('the old exemption (the deployment role may change the policy and remove the lock) fails the forbidden flow', () => {
    const old = oldExemption();
    const verdict = verdictsOn(old);
    expect(
      lines(verdict(NO_POLICY_CHANGE.id))
        .filter((l) => l.includes(': Allowed'))
        .map((l) => l.replace(/ \(.*$/, ''))
        .sort(),
    ).toEqual(
      [
        ['eu-central-1', 'ref-Recovery/RecoveryVault748005C1'],
        ['eu-west-1', 'ref-Data/BackupVault368E0ECE'],
      ].flatMap(([region, vault]) =>
        [
          'backup:DeleteBackupVaultAccessPolicy',
          'backup:DeleteBackupVaultLockConfiguration',
          'backup:PutBackupVaultAccessPolicy',
        ].map((action) => `${role(region)} ${action} ${vault}: Allowed`),
      ),
    );
    const [check] = flowChecks('forbidden', { required: [], forbidden: [NO_POLICY_CHANGE] });
    const results = check.run(old);
    expect(results.map((r) => r.status)).toEqual(['fail']);
    expect(results[0].detail).toContain('flow deployment-role-cannot-change-vault-policy-or-unlock (forbidden');
    // Recovery points stay guarded by statement 1 either way, and the lock put is still allowed.
    expect(verdict(NO_RECOVERY_POINT_DELETE.id).holds).toBe(true);
    expect(verdict(SETS_LOCK.id).holds).toBe(true);
  });

  test("the recovery vault is judged against the recovery region's role: exempting the primary's fails the lock put", () => {
    const wrongRegion = weakenedReference((id, t) => {
      if (id !== 'Recovery') return;
      for (const [, v] of ofType(t.Resources, 'AWS::Backup::BackupVault')) {
        const lockPut = v.Properties.AccessPolicy.Statement[1];
        lockPut.Condition.ArnNotEquals['aws:PrincipalArn'] = lockPut.Condition.ArnNotEquals['aws:PrincipalArn'].map(
          (a: string) => a.replace(/eu-central-1$/, 'eu-west-1'),
        );
      }
    });
    expect(
      lines(verdictsOn(wrongRegion)(SETS_LOCK.id))
        .filter((l) => !l.includes(': Allowed'))
        .map((l) => l.replace(/ \(.*$/, '')),
    ).toEqual([
      `${role('eu-central-1')} backup:PutBackupVaultLockConfiguration ref-Recovery/RecoveryVault748005C1: ExplicitlyDenied`,
    ]);
  });
});
