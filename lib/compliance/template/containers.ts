import type { ContainerFactsInput } from '../containers/image-facts';
import type { LocatedResource, PlatformAssembly } from './platform-assembly';

/** One container of a task definition, with the task definition it belongs to. */
export interface LocatedContainer {
  readonly taskDefinition: LocatedResource;
  readonly container: ContainerFactsInput & { readonly Name?: string; readonly Image?: unknown };
  /** `RuntimePlatform.CpuArchitecture` of the task definition. */
  readonly cpuArchitecture?: string;
}

/** Every container of every ECS task definition of the model. */
export function containersOf(model: PlatformAssembly): LocatedContainer[] {
  return model.resourcesOfType('AWS::ECS::TaskDefinition').flatMap((taskDefinition) => {
    const p = taskDefinition.resource.Properties ?? {};
    const runtime = p.RuntimePlatform as { CpuArchitecture?: string } | undefined;
    const containers = (p.ContainerDefinitions ?? []) as LocatedContainer['container'][];
    return containers.map((container) => ({ taskDefinition, container, cpuArchitecture: runtime?.CpuArchitecture }));
  });
}

/** `<task definition>/<container>`, as results name a container. */
export const containerName = (c: LocatedContainer) => `${c.taskDefinition.logicalId}/${c.container.Name ?? '?'}`;
