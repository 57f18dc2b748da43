import { platformPin } from '../../containers/image-facts';
import { imageAssetOf } from '../../template/image-assets';
import { toRef } from '../../template/platform-assembly';
import { Check, CheckResult, fail, pass } from '../check';
import { containerName, containersOf } from '../../template/containers';

/**
 * HA-1: every image the app builds is built for its task's CPU architecture, whatever machine runs `cdk deploy`
 * (an ARM laptop would otherwise build an image an X86_64 task cannot start).
 */
export const imagePlatformPinned: Check = {
  id: 'HA1-ImagePlatformPinned',
  claims: ['HA-1'],
  description: "every image asset's platform is pinned to its task's CPU architecture",
  run: (model): CheckResult[] =>
    containersOf(model)
      .map((c) => ({ c, asset: imageAssetOf(c.taskDefinition.stack, c.container.Image) }))
      .filter(({ asset }) => asset !== undefined)
      .map(({ c, asset }) => {
        const pin = platformPin(asset!.platform, c.cpuArchitecture);
        return (pin.pinned ? pass : fail)(`${containerName(c)}: ${pin.reason}`, toRef(c.taskDefinition));
      }),
};
