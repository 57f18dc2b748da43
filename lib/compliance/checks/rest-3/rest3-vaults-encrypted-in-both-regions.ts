import { Check, CheckResult, fail, pass, perEnvironment } from '../check';
import { PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import { keyRotated, prop, resourcesIn } from '../private/cfn';

/**
 * REST-3: each environment has a backup vault in its primary and in its recovery region, each encrypted with a
 * rotated customer managed key of its own stack.
 */
export const vaultsInBothRegions: Check = {
  id: 'REST3-VaultsEncryptedInBothRegions',
  claims: ['REST-3'],
  description:
    'a backup vault in the primary and in the recovery region, each encrypted with a rotated customer managed key',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perEnvironment(assembly, (env) => {
      const vaults = resourcesIn(env.stacks, 'AWS::Backup::BackupVault');
      return [env.primaryRegion, env.recoveryRegion].map((region) => {
        const inRegion = vaults.filter((v) => v.region === region);
        const good = inRegion.find((v) => keyRotated(v.stack, referencedLogicalId(prop(v, 'EncryptionKeyArn'))));
        if (good)
          return pass(
            `${env.name} ${region}: vault ${good.logicalId} encrypted with a rotated customer managed key`,
            toRef(good),
          );
        return inRegion.length
          ? fail(
              `${env.name} ${region}: vault ${inRegion[0].logicalId} is not encrypted with a rotated customer managed key`,
              toRef(inRegion[0]),
            )
          : fail(`${env.name} ${region ?? '(unknown region)'}: no backup vault`);
      });
    });
  },
};
