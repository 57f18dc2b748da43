import { CHECKS } from '../../../lib/compliance/registry';
import { FORBIDDEN_FLOWS, REQUIRED_FLOWS } from '../../../lib/core/requirements/flows';
import { evaluateFlows, flowChecks, FLOW_CHECKS, FlowVerdict } from '../../../lib/compliance/flows';
import { referenceAssembly, REFERENCE_ENVIRONMENT } from '../../support/reference-assembly';

describe('flow proofs on the reference platform', () => {
  let verdicts: FlowVerdict[];
  beforeAll(() => {
    verdicts = evaluateFlows(referenceAssembly());
  });

  test('every flow of the table is evaluated once per environment, with at least one request', () => {
    expect(verdicts.map((v) => v.flow.id).sort()).toEqual(
      [...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS].map((f) => f.id).sort(),
    );
    for (const v of verdicts) {
      expect(v.environment).toBe(REFERENCE_ENVIRONMENT);
      expect(v.problem).toBeUndefined();
      expect(v.requests.length).toBeGreaterThan(0);
    }
  });

  test.each(REQUIRED_FLOWS.map((f) => [f.id]))(
    'required flow %s is allowed, with the statements that allow it',
    (id) => {
      const v = verdicts.find((x) => x.flow.id === id)!;
      expect(
        v.requests
          .filter((r) => r.decision !== 'Allowed')
          .map(
            (r) =>
              `${r.request.principal.label} ${r.request.action} ${r.request.resourceArn}: ${r.decision} ${r.error ?? ''}`,
          ),
      ).toEqual([]);
      for (const r of v.requests) expect(r.decisive.some((d) => d.effect === 'Allow')).toBe(true);
    },
  );

  test.each(FORBIDDEN_FLOWS.map((f) => [f.id]))('forbidden flow %s is denied', (id) => {
    const v = verdicts.find((x) => x.flow.id === id)!;
    expect(
      v.requests
        .filter((r) => r.decision === 'Allowed' || r.decision === 'Error')
        .map(
          (r) =>
            `${r.request.principal.label} ${r.request.action} ${r.request.resourceArn}: ${r.decision} ${r.error ?? ''}`,
        ),
    ).toEqual([]);
  });

  test('the checks are registered in CHECKS, one per claim and kind, and pass with one result per flow', () => {
    const ids = CHECKS.map((c) => c.id);
    for (const check of FLOW_CHECKS) expect(ids).toContain(check.id);
    expect(FLOW_CHECKS.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'DATA3-RequiredFlowsAllowed',
        'REST3-RequiredFlowsAllowed',
        'BILLING1-ForbiddenFlowsDenied',
        'TRANSIT1-ForbiddenFlowsDenied',
      ]),
    );
    const results = FLOW_CHECKS.flatMap((c) => c.run(referenceAssembly()));
    expect(results).toHaveLength(REQUIRED_FLOWS.length + FORBIDDEN_FLOWS.length);
    expect(results.filter((r) => r.status !== 'pass').map((r) => r.detail)).toEqual([]);
  });

  test('a result names the request, the verdict and the decisive statements by stack, logical id and Sid', () => {
    const [check] = flowChecks('required').filter((c) => c.id === 'DATA3-RequiredFlowsAllowed');
    const detail = check
      .run(referenceAssembly())
      .find((r) => r.detail.includes('flow backup-uses-recovery-vault-key-via-rds'))!.detail;
    expect(detail).toMatch(
      /role ref-Data\/BackupRole[0-9A-F]{8} \(ref-backup-eu-west-1\) kms:CreateGrant on the key of ref-Recovery\/RecoveryVault/,
    );
    expect(detail).toContain('kms:ViaService=rds.eu-central-1.amazonaws.com');
    expect(detail).toMatch(
      /Allowed, decided by [^|]*Allow ref-Recovery\/KeysBackupKey[0-9A-F]{8} Sid PrimaryBackupRoleCopiesIntoRecoveryVault/,
    );
  });
});
