/** Typed views of AWS::ECS::* properties. */

export interface EcsServiceProps {
  readonly Cluster?: unknown;
  readonly DesiredCount?: unknown;
  readonly TaskDefinition?: unknown;
  readonly DeploymentConfiguration?: {
    readonly MinimumHealthyPercent?: unknown;
    readonly MaximumPercent?: unknown;
    readonly DeploymentCircuitBreaker?: { readonly Enable?: unknown; readonly Rollback?: unknown };
  };
  readonly NetworkConfiguration?: {
    readonly AwsvpcConfiguration?: {
      readonly Subnets?: unknown;
      readonly SecurityGroups?: unknown;
      readonly AssignPublicIp?: unknown;
    };
  };
  readonly LoadBalancers?: readonly { readonly TargetGroupArn?: unknown; readonly ContainerPort?: unknown }[];
}

export interface ContainerKeyValue {
  readonly Name?: unknown;
  readonly Value?: unknown;
}

export interface ContainerSecret {
  readonly Name?: unknown;
  readonly ValueFrom?: unknown;
}

export interface ContainerMountPoint {
  readonly SourceVolume?: string;
  readonly ContainerPath?: string;
  readonly ReadOnly?: boolean;
}

/** One container of a task definition. CDK writes `User`, `ReadonlyRootFilesystem` and mounts as literals. */
export interface ContainerDefinition {
  readonly Name?: string;
  readonly Image?: unknown;
  readonly User?: string;
  readonly ReadonlyRootFilesystem?: boolean;
  readonly Environment?: readonly ContainerKeyValue[];
  readonly Secrets?: readonly ContainerSecret[];
  readonly MountPoints?: readonly ContainerMountPoint[];
  readonly LinuxParameters?: { readonly Tmpfs?: readonly unknown[] };
}

export interface TaskDefinitionProps {
  readonly Family?: unknown;
  readonly ExecutionRoleArn?: unknown;
  readonly TaskRoleArn?: unknown;
  readonly RuntimePlatform?: { readonly CpuArchitecture?: unknown; readonly OperatingSystemFamily?: unknown };
  readonly ContainerDefinitions?: readonly ContainerDefinition[];
  readonly Volumes?: readonly { readonly Name?: unknown }[];
}
