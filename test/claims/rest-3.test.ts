import * as backup from 'aws-cdk-lib/aws-backup';
import * as kms from 'aws-cdk-lib/aws-kms';
import { NagRuleCompliance } from 'cdk-nag';
import { gpgDumpScheduled, vaultsInBothRegions, backupVaultCmk } from '../../lib/compliance/checks';
import {
  checksOf,
  failuresOf,
  judge,
  ofType,
  referenceClaimStatus,
  referenceFailures,
  referenceRuleResults,
  scratchStack,
  weakenedReference,
} from '../support/claims-support';

function setDumpEnv(name: string, value: string) {
  return weakenedReference((id, t) => {
    if (id !== 'Data') return;
    for (const [, task] of ofType(t.Resources, 'AWS::ECS::TaskDefinition')) {
      for (const c of task.Properties.ContainerDefinitions) {
        for (const e of c.Environment ?? []) if (e.Name === name) e.Value = value;
      }
    }
  });
}

describe('REST-3: database backups encrypted (GPG)', () => {
  test('the reference platform satisfies every REST-3 rule and check', () => {
    expect(referenceFailures('REST-3')).toEqual([]);
    const results = referenceRuleResults(checksOf('REST-3').rules);
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(2);
  });

  test('the evidence marks REST-3 proven', () => {
    expect(referenceClaimStatus('REST-3').status).toBe('proven');
  });

  test('a vault under a rotated key of its stack is compliant', () => {
    const stack = scratchStack();
    new backup.BackupVault(stack, 'V', { encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
    expect(judge(backupVaultCmk, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when a vault uses the AWS managed key', () => {
    const stack = scratchStack();
    new backup.BackupVault(stack, 'V');
    expect(judge(backupVaultCmk, stack)).toEqual([['VaultKeyNotCustomerManaged']]);
  });

  test('fails when the recovery region has no vault', () => {
    const weak = weakenedReference((id, t) => {
      if (id === 'Recovery')
        for (const [vid] of ofType(t.Resources, 'AWS::Backup::BackupVault')) delete t.Resources[vid];
    });
    expect(failuresOf(vaultsInBothRegions, weak)).toEqual(['ref eu-central-1: no backup vault']);
  });

  test('fails when the dump task is given a private key', () => {
    const weak = setDumpEnv(
      'GPG_RECIPIENT_KEY',
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n-----END PGP PRIVATE KEY BLOCK-----',
    );
    expect(failuresOf(gpgDumpScheduled, weak)).toEqual([expect.stringMatching(/contains a PRIVATE key block/)]);
  });

  test('fails when the dump task may connect without TLS', () => {
    expect(failuresOf(gpgDumpScheduled, setDumpEnv('PGSSLMODE', 'prefer'))).toEqual([
      expect.stringMatching(/PGSSLMODE is 'prefer'/),
    ]);
  });

  test('fails when the dump schedule is gone', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [sid] of ofType(t.Resources, 'AWS::Scheduler::Schedule')) delete t.Resources[sid];
    });
    expect(failuresOf(gpgDumpScheduled, weak)).toEqual(['ref: no daily schedule of a GPG dump task']);
  });
});
