import { evaluateFlows, FlowVerdict, RequestVerdict } from '../../../lib/compliance/flows';
import { referenceAssembly } from '../../support/reference-assembly';

/**
 * The defects the flow proofs found in the reference, each pinned by the request that was denied before its fix
 * and the statement that allows it now.
 */
describe('defects found by evaluating the reference as AWS would', () => {
  let verdicts: FlowVerdict[];
  beforeAll(() => {
    verdicts = evaluateFlows(referenceAssembly());
  });
  const request = (flowId: string, action: string, match: (r: RequestVerdict) => boolean = () => true) => {
    const found = verdicts
      .find((v) => v.flow.id === flowId)!
      .requests.filter((r) => r.request.action === action && match(r));
    expect(found.length).toBeGreaterThan(0);
    return found;
  };

  test("the dump task's execution role decrypts the database secret (Secret.grantRead on an imported key added nothing)", () => {
    for (const r of request('dump-task-decrypts-database-secret', 'kms:Decrypt')) {
      expect(r.request.context['kms:ViaService']).toBe('secretsmanager.eu-west-1.amazonaws.com');
      expect(r.decision).toBe('Allowed');
      expect(r.decisive.map((d) => d.label)).toContainEqual(
        expect.stringMatching(/^ref-Data\/DumpTaskExecutionRoleGrantsPolicy[0-9A-F]{8} /),
      );
    }
  });

  test("the dump's multipart upload may decrypt with the dump bucket's key through S3 (grantWrite gave only GenerateDataKey and Encrypt)", () => {
    for (const r of request('dump-task-encrypts-dump', 'kms:Decrypt')) {
      expect(r.request.context['kms:ViaService']).toBe('s3.eu-west-1.amazonaws.com');
      expect(r.decision).toBe('Allowed');
      expect(r.decisive.map((d) => d.label)).toContainEqual(
        expect.stringMatching(/^ref-Data\/KeysDataKey[0-9A-F]{8} /),
      );
    }
  });

  test('the backup role copies the Aurora snapshot with RDS in the recovery region (its snapshot actions were scoped to the primary only)', () => {
    for (const r of request('backup-copies-snapshot-in-recovery-region', 'rds:CopyDBClusterSnapshot')) {
      expect(r.request.resourceArn).toMatch(/^arn:aws:rds:eu-central-1:123456789012:cluster-snapshot:awsbackup:/);
      expect(r.decision).toBe('Allowed');
      expect(r.decisive.map((d) => d.label)).toContainEqual(
        expect.stringMatching(/^ref-Data\/BackupRolePolicy[0-9A-F]{8} Sid ManageBackupOwnedSnapshots$/),
      );
    }
  });

  test("every Fargate task's execution role pulls GuardDuty's runtime agent (each was scoped to its own image only)", () => {
    const pulls = request('fargate-tasks-pull-guardduty-agent', 'ecr:BatchGetImage');
    expect(pulls.map((r) => r.request.principal.label).sort()).toEqual([
      expect.stringMatching(/^role ref-Data\/DumpTaskExecutionRole/),
      expect.stringMatching(/^role ref-Service\/AppExecutionRole/),
    ]);
    for (const r of pulls) {
      expect(r.request.resourceArn).toBe('arn:aws:ecr:eu-west-1:694911143906:repository/aws-guardduty-agent-fargate');
      expect(r.decision).toBe('Allowed');
    }
    for (const r of request('fargate-tasks-get-registry-token-for-guardduty-agent', 'ecr:GetAuthorizationToken')) {
      expect(r.decision).toBe('Allowed');
    }
  });

  test("the recovery vault's key admits the backup role through RDS as well as AWS Backup (it admitted AWS Backup only)", () => {
    for (const action of ['kms:CreateGrant', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey']) {
      for (const r of request('backup-uses-recovery-vault-key-via-rds', action)) {
        expect(r.request.context['kms:ViaService']).toBe('rds.eu-central-1.amazonaws.com');
        expect(r.decision).toBe('Allowed');
        expect(r.decisive.map((d) => d.label)).toContainEqual(
          expect.stringMatching(
            /^ref-Recovery\/KeysBackupKey[0-9A-F]{8} Sid PrimaryBackupRoleCopiesIntoRecoveryVault$/,
          ),
        );
      }
    }
  });
});
