import type { BackupVaultProps } from '../../template/cfn/backup';
import { Check, fail, pass, perStage } from '../check';
import { rotatedKey } from '../private/cfn';

/**
 * REST-3: each environment has a backup vault in its primary and in its recovery region, each encrypted with a
 * rotated customer managed key of its own region.
 */
export const vaultsInBothRegions: Check = {
  id: 'REST3-VaultsEncryptedInBothRegions',
  claims: ['REST-3'],
  description:
    'a backup vault in the primary and in the recovery region, each encrypted with a rotated customer managed key',
  run: (assembly) =>
    perStage(assembly, (model) => {
      const vaults = model.ofType<BackupVaultProps>('AWS::Backup::BackupVault');
      return [model.environment.primaryRegion, model.environment.recoveryRegion].map((region) => {
        const inRegion = vaults.filter((v) => v.region === region);
        const good = inRegion.find((v) => rotatedKey(model, v, v.props.EncryptionKeyArn) === 'rotated');
        if (good)
          return pass(
            `${model.name} ${region}: vault ${good.logicalId} encrypted with a rotated customer managed key`,
            good.ref,
          );
        return inRegion.length
          ? fail(
              `${model.name} ${region}: vault ${inRegion[0].logicalId} is not encrypted with a rotated customer managed key`,
              inRegion[0].ref,
            )
          : fail(`${model.name} ${region ?? '(unknown region)'}: no backup vault`);
      });
    }),
};
