import { platformPin } from '../../containers/image-facts';
import { containerName } from '../../template/containers';
import { imageAssetOf } from '../../template/image-assets';
import { assemblyModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { taskContainers } from '../resource-readers';

/**
 * HA-1: every image the app builds is built for its task's CPU architecture, whatever machine runs `cdk deploy`
 * (an ARM laptop would otherwise build an image an X86_64 task cannot start).
 */
export const imagePlatformPinned: Check = {
  id: 'HA1-ImagePlatformPinned',
  claims: ['HA-1'],
  description: "every image asset's platform is pinned to its task's CPU architecture",
  run: (assembly): CheckResult[] =>
    taskContainers(assemblyModel(assembly)).flatMap((c) => {
      const asset = imageAssetOf(c.taskDefinition.stack, c.container.Image);
      if (!asset) return [];
      const pin = platformPin(asset.platform, c.cpuArchitecture);
      return [(pin.pinned ? pass : fail)(`${containerName(c)}: ${pin.reason}`, c.taskDefinition.ref)];
    }),
};
