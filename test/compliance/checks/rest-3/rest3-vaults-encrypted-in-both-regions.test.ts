import { vaultsInBothRegions as check } from '../../../../lib/compliance/checks/rest-3/rest3-vaults-encrypted-in-both-regions';
import {
  Change,
  edited,
  getAtt,
  inRegion,
  kmsKey,
  modelOf,
  onPlatform,
  outcomes,
  RECOVERY,
} from '../../../support/check-fixtures';

const backup = onPlatform({
  Resources: {
    Key: kmsKey(),
    Vault: {
      Type: 'AWS::Backup::BackupVault',
      Properties: { BackupVaultName: 'prod', EncryptionKeyArn: getAtt('Key') },
    },
  },
});
const judged = (primaryChange: Change, recoveryChange: Change = () => {}) =>
  outcomes(
    check,
    modelOf({
      'prod-Backup': edited(backup, primaryChange),
      'prod-Recovery': inRegion(RECOVERY, edited(backup, recoveryChange)),
    }),
  );

describe('REST3-VaultsEncryptedInBothRegions', () => {
  test('Compliance', () => {
    expect(judged(() => {})).toEqual([
      'pass Vault: prod eu-west-1: vault Vault encrypted with a rotated customer managed key',
      'pass Vault: prod eu-central-1: vault Vault encrypted with a rotated customer managed key',
    ]);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Backup': { Resources: backup.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: no vault in the recovery region', () => {
    expect(
      judged(
        () => {},
        (r) => delete r.Vault,
      ),
    ).toEqual([
      'pass Vault: prod eu-west-1: vault Vault encrypted with a rotated customer managed key',
      'fail -: prod eu-central-1: no backup vault',
    ]);
  });

  test('Noncompliance 3: a vault whose key does not rotate, or is not a key of its stack', () => {
    const notEncrypted = 'fail Vault: prod eu-west-1: vault Vault is not encrypted with a rotated customer managed key';
    expect(judged((r) => (r.Key.Properties.EnableKeyRotation = false))[0]).toBe(notEncrypted);
    expect(judged((r) => delete r.Vault.Properties.EncryptionKeyArn)[0]).toBe(notEncrypted);
  });
});
