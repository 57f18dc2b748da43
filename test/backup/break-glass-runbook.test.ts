import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluateFlows } from '../../lib/compliance/flows';
import { claimFlows } from '../../lib/core/requirements/flows/flow-requirement';
import { FORBIDDEN_FLOWS } from '../../lib/core/requirements/flows';
import { referenceAssembly } from '../support/reference-assembly';
import { REFERENCE_ASSEMBLY_ROOT, REFERENCE_ENVIRONMENT } from '../support/reference-constants';

/**
 * docs/runbooks/backup-break-glass.md restores a vault's access policy with the API, from the synthesized template
 * (a deploy of an unchanged template restores nothing, and no deploy may put the policy). Its extraction command is
 * run here, as written, on the reference assembly, and its put is evaluated as IAM would: allowed to break glass,
 * denied to the deployment role.
 */
const RUNBOOK = fs.readFileSync(path.join(__dirname, '../../docs/runbooks/backup-break-glass.md'), 'utf8');

/** The runbook's extraction command: the line after `# restore-vault-policy` in its sh block. */
function extractionCommand(): string {
  const block = /```sh\n\s*# restore-vault-policy[^\n]*\n\s*(jq [^\n]+)\n\s*```/.exec(RUNBOOK);
  if (!block) throw new Error('the runbook has no `# restore-vault-policy` sh block with a jq command');
  return block[1];
}

function vaultPolicyInTemplate(vaultName: string): unknown {
  for (const stack of referenceAssembly().stacks) {
    for (const r of Object.values(stack.template.Resources ?? {}) as {
      Type: string;
      Properties: Record<string, unknown>;
    }[]) {
      if (r.Type === 'AWS::Backup::BackupVault' && r.Properties.BackupVaultName === vaultName)
        return r.Properties.AccessPolicy;
    }
  }
  throw new Error(`no vault ${vaultName}`);
}

describe('the break-glass runbook restores a vault policy with the API', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'runbook-'));
    // The runbook reads cdk.out/assembly-<env>/ after `cdk synth`: the reference assembly stands for it.
    fs.symlinkSync(REFERENCE_ASSEMBLY_ROOT, path.join(cwd, 'cdk.out'));
  });
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  test.each([
    ['primary-vault', 'Data'],
    ['recovery-vault', 'Recovery'],
  ])('the jq command extracts the %s policy from the %s template as a literal document', (vault, stack) => {
    execFileSync('bash', ['-c', extractionCommand()], {
      cwd,
      env: { ...process.env, ENV: REFERENCE_ENVIRONMENT, VAULT: vault, STACK: stack },
    });
    const extracted = JSON.parse(fs.readFileSync(path.join(cwd, `${vault}-policy.json`), 'utf8')) as unknown;
    expect(extracted).toEqual(vaultPolicyInTemplate(`${REFERENCE_ENVIRONMENT}-${vault}`));
    // What `put-backup-vault-access-policy --policy file://` sends must be the policy, not CloudFormation's intrinsics.
    expect(JSON.stringify(extracted)).not.toMatch(/"(Ref|Fn::[A-Za-z]+)"/);
    expect((extracted as { Statement: unknown[] }).Statement.length).toBeGreaterThan(0);
  });

  test('the runbook never restores with a deploy, and says what to do when a rollback fails on the vault', () => {
    expect(RUNBOOK).not.toMatch(/Restore the policy: `npx cdk deploy/);
    expect(RUNBOOK).toMatch(
      /aws backup put-backup-vault-access-policy --backup-vault-name "\$ENV-\$VAULT" --policy file:\/\/\$VAULT-policy\.json/,
    );
    expect(RUNBOOK).toMatch(/aws cloudformation continue-update-rollback --stack-name <stack>/);
    expect(RUNBOOK).toMatch(/trust: 'identity-center', permissionSets: \['BackupBreakGlass'\]/);
  });

  test("break glass may put and delete both vaults' policies; the deployment role may not (the runbook is the only way)", () => {
    const table = claimFlows('REST-3', {
      required: [
        {
          id: 'break-glass-restores-vault-policy',
          description: "The break-glass role puts and deletes each vault's access policy (the runbook's restore)",
          principal: { role: 'break-glass-role' },
          actions: ['backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'],
          resource: { resource: { roles: ['primary-vault', 'recovery-vault'] } },
        },
      ],
      forbidden: FORBIDDEN_FLOWS.filter((f) => f.id === 'deployment-role-cannot-change-vault-policy-or-unlock'),
    });
    const verdicts = evaluateFlows(referenceAssembly(), table);
    expect(verdicts.map((v) => [v.flow.id, v.holds, v.requests.length])).toEqual([
      ['break-glass-restores-vault-policy', true, 4],
      ['deployment-role-cannot-change-vault-policy-or-unlock', true, 6],
    ]);
  });
});
