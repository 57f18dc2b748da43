import { ClientMajor, engineMajor, postgresClientMajor } from '../../containers/image-facts';
import type { DBClusterProps } from '../../template/cfn/rds';
import { imageAssetOf } from '../../template/image-assets';
import { assemblyModel } from '../../template/stage-model';
import { Check, CheckResult, fail, pass } from '../check';
import { taskContainers } from '../resource-readers';

/**
 * REST-3: the image that dumps the database installs a PostgreSQL client of at least the cluster's major version
 * (pg_dump refuses a server of a newer major), read from the Dockerfile the app builds.
 */
export const dumpClientMatchesEngine: Check = {
  id: 'REST3-DumpClientMatchesEngine',
  claims: ['REST-3'],
  description: "the dump image's PostgreSQL client is of at least the Aurora cluster's major version",
  run: (assembly): CheckResult[] => {
    const model = assemblyModel(assembly);
    const engines = model
      .ofType<DBClusterProps>('AWS::RDS::DBCluster')
      .map((cluster) => ({ cluster, major: engineMajor(model.text(cluster, cluster.props.EngineVersion) ?? '') }));
    if (engines.length === 0) return [fail('no database cluster to dump')];
    const clients = taskContainers(model).flatMap((c) => {
      const dockerfile = imageAssetOf(c.taskDefinition.stack, c.container.Image)?.dockerfile;
      const { major, source }: ClientMajor = dockerfile ? postgresClientMajor(dockerfile) : {};
      const name = `${c.taskDefinition.logicalId}/${c.container.Name ?? '?'}`;
      return major === undefined ? [] : [{ name, task: c.taskDefinition, client: { major, source } }];
    });
    if (clients.length === 0)
      return [fail('no image of the assembly installs a PostgreSQL client: nothing dumps the database')];
    return clients.flatMap(({ name, task, client }) =>
      engines.map(({ cluster, major }) =>
        major !== undefined && client.major >= major
          ? pass(
              `${name}: client ${client.major} (${client.source}) for engine ${major} of ${cluster.logicalId}`,
              task.ref,
            )
          : fail(
              `${name}: client ${client.major} (${client.source}) is older than engine ${major ?? '?'} of ${cluster.logicalId}; pg_dump refuses a newer server`,
              task.ref,
            ),
      ),
    );
  },
};
