/**
 * Runs a container of a synthesized ECS task definition under bubblewrap the way Fargate runs it: as the task
 * definition's `User` (really that uid on this machine, with no capabilities), the image's root file system
 * read-only when `ReadonlyRootFilesystem` says so, each MountPoint with Fargate's semantics, the Environment, the
 * Secrets as environment variables (test values), and the EntryPoint and Command. Loopback is shared with the host, as
 * the containers of an awsvpc task share their network namespace.
 */
import { ChildProcess, execFileSync, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltImage, resolveUser } from './build-image';
import { Bind, sandboxArgv } from './sandbox';

/** The part of an `AWS::ECS::TaskDefinition` the runner reads (CloudFormation property names). */
export interface TaskDefinitionProperties {
  readonly ContainerDefinitions: ContainerDefinition[];
  readonly Volumes?: {
    Name: string;
    Host?: unknown;
    EFSVolumeConfiguration?: unknown;
    DockerVolumeConfiguration?: unknown;
  }[];
  readonly RuntimePlatform?: { CpuArchitecture?: string; OperatingSystemFamily?: string };
  readonly RequiresCompatibilities?: string[];
}

export interface ContainerDefinition {
  readonly Name: string;
  readonly Image?: unknown;
  readonly User?: string;
  readonly ReadonlyRootFilesystem?: boolean;
  readonly MountPoints?: { SourceVolume: string; ContainerPath: string; ReadOnly?: boolean }[];
  readonly Environment?: { Name: string; Value: unknown }[];
  readonly Secrets?: { Name: string; ValueFrom: unknown }[];
  readonly EntryPoint?: string[];
  readonly Command?: string[];
  readonly WorkingDirectory?: string;
  readonly PortMappings?: { ContainerPort: number; Protocol?: string }[];
  readonly LinuxParameters?: { Tmpfs?: unknown[]; InitProcessEnabled?: boolean };
}

export interface FargateRunOptions {
  readonly image: BuiltImage;
  readonly taskDefinition: TaskDefinitionProperties;
  /** Container name in the task definition. @default the only container */
  readonly container?: string;
  /** A fresh directory the runner owns: task volumes and a writable root copy go there. */
  readonly workDir: string;
  /**
   * Values of the template references in Environment values: `Ref`s by logical id, `Fn::GetAtt`s as
   * `LogicalId.Attribute` (e.g. the cluster's `Endpoint.Address`); `Fn::Join` and `Fn::Sub`-free strings are
   * resolved around them. A reference with no value is an error naming it.
   * @default - none
   */
  readonly references?: (reference: string) => string | undefined;
  /** Test values of the Secrets, by name; every secret of the container must have one. @default - none */
  readonly secrets?: Record<string, string>;
  /**
   * Variables Fargate itself supplies that the rehearsal stands in for (region, the task role's credentials and,
   * for a local S3 API, its endpoint). Set after the task definition's, so they cannot hide one of its values.
   * @default - none
   */
  readonly platformEnv?: Record<string, string>;
  /**
   * Extra read-only files or directories bound into the container (host path by container path), for what the
   * rehearsal substitutes (a test CA over the real bundle, a keyring). @default - none
   */
  readonly extraBinds?: Record<string, string>;
  /**
   * Literal values of the task definition the rehearsal must change to run on loopback (the database port, when the
   * throwaway server cannot take the cluster's). Applied last; keep it to what loopback forces. @default - none
   */
  readonly loopbackOverrides?: Record<string, string>;
  /** Writable directories bound in (host path by container path), e.g. a keyring for restore.sh. @default - none */
  readonly writableBinds?: Record<string, string>;
  /** Replaces EntryPoint and Command, as `aws ecs run-task` overrides do. @default - the task definition's */
  readonly commandOverride?: string[];
}

export interface PreparedRun {
  readonly argv: string[];
  readonly uid: number;
  readonly gid: number;
  /** Host directory of each task volume, by volume name. */
  readonly volumeDirs: Record<string, string>;
}

const FARGATE_DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function containerOf(options: FargateRunOptions): ContainerDefinition {
  const all = options.taskDefinition.ContainerDefinitions;
  const found = options.container
    ? all.find((c) => c.Name === options.container)
    : all.length === 1
      ? all[0]
      : undefined;
  if (!found) {
    throw new Error(`task definition has containers ${all.map((c) => c.Name).join(', ')}; name one (container: ...)`);
  }
  return found;
}

/** A template value with its references resolved by `references`. */
export function resolveValue(value: unknown, references: FargateRunOptions['references'], name: string): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  const lookup = (ref: string) => {
    const found = references?.(ref);
    if (found === undefined)
      throw new Error(`Environment ${name}: no value for the reference ${ref} (give it in references)`);
    return found;
  };
  if (typeof v.Ref === 'string') return lookup(v.Ref);
  if (Array.isArray(v['Fn::GetAtt'])) return lookup((v['Fn::GetAtt'] as string[]).join('.'));
  const output = v['Fn::GetStackOutput'] as { StackName?: string; OutputName?: string } | undefined;
  // A value another stack exports (CDK's weak cross-stack reference), named `<stack>/<output>`.
  if (output?.OutputName) return lookup(`${output.StackName}/${output.OutputName}`);
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => resolveValue(p, references, name)).join(sep);
  }
  throw new Error(`Environment ${name}: cannot resolve ${JSON.stringify(value)}`);
}

/** Environment as the container sees it: image ENV, then the task definition, then secrets, then Fargate's own. */
export function containerEnvironment(
  options: FargateRunOptions,
  container: ContainerDefinition,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: FARGATE_DEFAULT_PATH,
    HOSTNAME: 'rehearsal',
    HOME: '/',
    ...options.image.config.env,
  };
  for (const { Name, Value } of container.Environment ?? []) env[Name] = resolveValue(Value, options.references, Name);
  for (const { Name, ValueFrom } of container.Secrets ?? []) {
    const value = options.secrets?.[Name];
    if (value === undefined)
      throw new Error(`Secret ${Name} (${JSON.stringify(ValueFrom)}) has no test value; give secrets.${Name}`);
    env[Name] = value;
  }
  return { ...env, ...options.platformEnv, ...options.loopbackOverrides };
}

/** Fargate's bind mount: empty, root-owned 0755, unless the image declares the path a VOLUME; then its content, owner and mode are copied. */
function prepareVolume(dir: string, image: BuiltImage, containerPath: string) {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.chownSync(dir, 0, 0);
  const declared = image.config.volumes.some((v) => path.posix.normalize(v) === path.posix.normalize(containerPath));
  const inImage = path.join(image.rootfs, containerPath);
  if (declared && fs.existsSync(inImage)) {
    execFileSync('cp', ['-a', `${inImage}/.`, dir]);
    const stat = fs.statSync(inImage);
    fs.chownSync(dir, stat.uid, stat.gid);
    fs.chmodSync(dir, stat.mode & 0o7777);
  }
}

/** The bubblewrap command line for one container (run it with runContainer or startContainer). */
export function prepareRun(options: FargateRunOptions): PreparedRun {
  const container = containerOf(options);
  if (container.LinuxParameters?.Tmpfs?.length) {
    throw new Error(
      `container ${container.Name}: LinuxParameters.Tmpfs is not supported on Fargate; ECS rejects this task definition`,
    );
  }
  const { uid, gid } = resolveUser(options.image.rootfs, container.User ?? options.image.config.user ?? '0');
  const env = containerEnvironment(options, container);
  fs.mkdirSync(options.workDir, { recursive: true });
  // The task's uid must reach its volumes, as Fargate's runtime does, so the folders above them are 0755.
  fs.chmodSync(options.workDir, 0o755);

  let root = options.image.rootfs;
  const rootReadOnly = container.ReadonlyRootFilesystem === true;
  if (!container.ReadonlyRootFilesystem) {
    // A writable root is the container's own layer: a copy, so the cached image is never written.
    root = path.join(options.workDir, 'rootfs');
    if (!fs.existsSync(root)) execFileSync('cp', ['-a', options.image.rootfs, root]);
  }
  const binds: Bind[] = [];
  const volumeDirs: Record<string, string> = {};
  for (const mount of container.MountPoints ?? []) {
    const volume = options.taskDefinition.Volumes?.find((v) => v.Name === mount.SourceVolume);
    if (!volume)
      throw new Error(
        `MountPoint ${mount.ContainerPath}: no volume named ${mount.SourceVolume} in the task definition`,
      );
    if (volume.Host || volume.EFSVolumeConfiguration || volume.DockerVolumeConfiguration) {
      throw new Error(`volume ${volume.Name}: only Fargate's ephemeral bind volumes are rehearsed`);
    }
    const dir = path.join(options.workDir, 'volumes', volume.Name);
    prepareVolume(dir, options.image, mount.ContainerPath);
    volumeDirs[volume.Name] = dir;
    // The runtime creates a missing mount point in the container's layer; bubblewrap cannot on a read-only bind.
    fs.mkdirSync(path.join(root, mount.ContainerPath), { recursive: true });
    binds.push({ host: dir, container: mount.ContainerPath, writable: !mount.ReadOnly });
  }
  for (const [containerPath, hostPath] of Object.entries(options.extraBinds ?? {})) {
    if (!fs.existsSync(path.join(root, containerPath)) && fs.statSync(hostPath).isDirectory()) {
      fs.mkdirSync(path.join(root, containerPath), { recursive: true });
    }
    binds.push({ host: hostPath, container: containerPath });
  }
  for (const [containerPath, hostPath] of Object.entries(options.writableBinds ?? {})) {
    fs.mkdirSync(path.join(root, containerPath), { recursive: true });
    binds.push({ host: hostPath, container: containerPath, writable: true });
  }
  const command = options.commandOverride ?? [
    ...(container.EntryPoint ?? options.image.config.entrypoint ?? []),
    ...(container.Command ?? (container.EntryPoint ? [] : (options.image.config.cmd ?? []))),
  ];
  if (!command.length)
    throw new Error(`container ${container.Name}: neither the task definition nor the image names a command`);

  const argv = sandboxArgv({
    rootfs: root,
    uid,
    gid,
    argv: command,
    binds,
    env,
    readOnlyRoot: rootReadOnly,
    cwd: container.WorkingDirectory ?? options.image.config.workdir ?? '/',
  });
  return { argv, uid, gid, volumeDirs };
}

/** Runs the container to completion. */
export function runContainer(options: FargateRunOptions, timeoutMs = 300_000): SpawnSyncReturns<string> {
  const { argv } = prepareRun(options);
  return spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

/** Starts a long-running container (a service); the caller stops it with `kill()`. */
export function startContainer(options: FargateRunOptions): ChildProcess {
  const { argv } = prepareRun(options);
  return spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
}
