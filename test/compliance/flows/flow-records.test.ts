import { flowRecords, FlowRecord } from '../../../lib/compliance/flows';
import { FORBIDDEN_FLOWS, REQUIRED_FLOWS } from '../../../lib/core/requirements/flows';
import { referenceAssembly } from '../../support/reference-assembly';

describe('flow verdicts as records for the evidence', () => {
  let records: FlowRecord[];
  beforeAll(() => {
    records = flowRecords(referenceAssembly());
  });

  test('one record per flow and environment, each holding, each request with its decisive statements', () => {
    expect(records.map((r) => r.flowId).sort()).toEqual(
      [...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS].map((f) => f.id).sort(),
    );
    for (const record of records) {
      expect(record).toMatchObject({ environment: 'ref', holds: true });
      expect(record.problem).toBeUndefined();
      expect(record.requests.length).toBeGreaterThan(0);
      expect(record.requests.filter((r) => !r.holds)).toEqual([]);
    }
    for (const record of records.filter((r) => r.kind === 'required')) {
      expect(record.requests.filter((r) => !r.decisive.some((d) => d.effect === 'Allow'))).toEqual([]);
    }
    // Plain data: what the evidence JSON writes is what it reads back.
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  });

  test('a record names the principal, the resource and the statements by stack, logical id and Sid', () => {
    const record = records.find((r) => r.flowId === 'backup-uses-recovery-vault-key-via-rds')!;
    expect(record).toMatchObject({ claim: 'DATA-3', kind: 'required' });
    const request = record.requests.find((r) => r.action === 'kms:CreateGrant')!;
    expect(request).toMatchObject({
      principal: {
        kind: 'role',
        arn: expect.stringMatching(/^arn:aws:iam::123456789012:role\/ref-backup-eu-west-1$/),
        resource: { stackName: 'ref-Data', logicalId: expect.stringMatching(/^BackupRole[0-9A-F]{8}$/) },
      },
      resourceArn: expect.stringMatching(/^arn:aws:kms:eu-central-1:123456789012:key\//),
      resource: { stackName: 'ref-Recovery', logicalId: expect.stringMatching(/^RecoveryVault/) },
      region: 'eu-central-1',
      context: expect.objectContaining({ 'kms:ViaService': 'rds.eu-central-1.amazonaws.com' }),
      decision: 'Allowed',
    });
    expect(request.context).not.toHaveProperty('aws:PrincipalArn');
    expect(request.decisive).toContainEqual({
      effect: 'Allow',
      stackName: 'ref-Recovery',
      logicalId: expect.stringMatching(/^KeysBackupKey[0-9A-F]{8}$/),
      sid: 'PrimaryBackupRoleCopiesIntoRecoveryVault',
      index: expect.any(Number),
    });
  });

  test('a forbidden flow records the denies that decided it', () => {
    const record = records.find((r) => r.flowId === 'deployment-role-cannot-delete-recovery-points')!;
    expect(record.kind).toBe('forbidden');
    for (const request of record.requests) {
      expect(request.decision).toBe('ExplicitlyDenied');
      expect(request.decisive.map((d) => `${d.effect} ${d.sid}`)).toContain(
        'Deny OnlyBreakGlassDeletesRecoveryPointsOrChangesPolicy',
      );
    }
  });
});
