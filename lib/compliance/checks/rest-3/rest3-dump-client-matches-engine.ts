import { engineMajor, postgresClientMajor } from '../../containers/image-facts';
import { imageAssetOf } from '../../template/image-assets';
import { toRef } from '../../template/platform-assembly';
import { Check, CheckResult, fail, pass } from '../check';
import { containerName, containersOf } from '../../template/containers';

/**
 * REST-3: the image that dumps the database installs a PostgreSQL client of at least the cluster's major version
 * (pg_dump refuses a server of a newer major), read from the Dockerfile the app builds.
 */
export const dumpClientMatchesEngine: Check = {
  id: 'REST3-DumpClientMatchesEngine',
  claims: ['REST-3'],
  description: "the dump image's PostgreSQL client is of at least the Aurora cluster's major version",
  run: (model): CheckResult[] => {
    const engines = model
      .resourcesOfType('AWS::RDS::DBCluster')
      .map((c) => ({ cluster: c, major: engineMajor(String(c.resource.Properties?.EngineVersion ?? '')) }));
    if (engines.length === 0) return [fail('no database cluster to dump')];
    const clients = containersOf(model)
      .map((c) => ({ c, asset: imageAssetOf(c.taskDefinition.stack, c.container.Image) }))
      .map(({ c, asset }) => ({ c, client: asset?.dockerfile ? postgresClientMajor(asset.dockerfile) : {} }))
      .filter(({ client }) => client.major !== undefined);
    if (clients.length === 0)
      return [fail('no image of the assembly installs a PostgreSQL client: nothing dumps the database')];
    return clients.flatMap(({ c, client }) =>
      engines.map(({ cluster, major }) =>
        major !== undefined && client.major! >= major
          ? pass(
              `${containerName(c)}: client ${client.major} (${client.source}) for engine ${major} of ${cluster.logicalId}`,
              toRef(c.taskDefinition),
            )
          : fail(
              `${containerName(c)}: client ${client.major} (${client.source}) is older than engine ${major ?? '?'} of ${cluster.logicalId}; pg_dump refuses a newer server`,
              toRef(c.taskDefinition),
            ),
      ),
    );
  },
};
