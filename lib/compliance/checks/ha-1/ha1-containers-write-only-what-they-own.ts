import { writablePaths } from '../../containers/image-facts';
import { containerName } from '../../template/containers';
import { imageAssetOf } from '../../template/image-assets';
import { assemblyModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { taskContainers } from '../resource-readers';

/**
 * HA-1 and REST-3: a non-root container on a read-only root writes only where Fargate lets it, a volume the image
 * declares and owns (an empty bind mount is root-owned 0755). A container whose image cannot be read (from a
 * registry, not built by the app) cannot be judged, and fails.
 */
export const containersWriteOnlyWhatTheyOwn: Check = {
  id: 'HA1-ContainersWriteOnlyWhatTheyOwn',
  claims: ['HA-1', 'REST-3'],
  description: 'every writable mount of a non-root container on a read-only root is a volume its image owns',
  run: (assembly): CheckResult[] =>
    taskContainers(assemblyModel(assembly)).map((c) => {
      const where = c.taskDefinition.ref;
      const writable = (c.container.MountPoints ?? []).filter((m) => !m.ReadOnly);
      if (writable.length === 0) return pass(`${containerName(c)}: writes to no mount`, where);
      const dockerfile = imageAssetOf(c.taskDefinition.stack, c.container.Image)?.dockerfile;
      if (!dockerfile)
        return fail(
          `${containerName(c)}: its image is not built from a Dockerfile of the app, so its mounts cannot be judged`,
          where,
        );
      const paths = writablePaths(dockerfile, c.container);
      const bad = paths.filter((p) => !p.writable);
      return bad.length
        ? fail(`${containerName(c)}: cannot write ${bad.map((p) => `${p.path} (${p.reason})`).join('; ')}`, where)
        : pass(`${containerName(c)}: ${paths.map((p) => `${p.path} (${p.reason})`).join('; ')}`, where);
    }),
};
