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

/** The part of an `AWS::ECS::TaskDefinition` the runner reads (CloudFormation property names). */
export interface TaskDefinitionProperties {
  readonly ContainerDefinitions: ContainerDefinition[];
  readonly Volumes?: { Name: string; Host?: unknown; EFSVolumeConfiguration?: unknown; DockerVolumeConfiguration?: unknown }[];
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
  /** Values of Environment entries that are unresolved in the template (references), by name. @default - none */
  readonly bindings?: Record<string, string>;
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
  const found = options.container ? all.find((c) => c.Name === options.container) : all.length === 1 ? all[0] : undefined;
  if (!found) {
    throw new Error(`task definition has containers ${all.map((c) => c.Name).join(', ')}; name one (container: ...)`);
  }
  return found;
}

/** Environment as the container sees it: image ENV, then the task definition, then secrets, then Fargate's own. */
export function containerEnvironment(options: FargateRunOptions, container: ContainerDefinition): Record<string, string> {
  const env: Record<string, string> = { PATH: FARGATE_DEFAULT_PATH, HOSTNAME: 'rehearsal', HOME: '/', ...options.image.config.env };
  for (const { Name, Value } of container.Environment ?? []) {
    if (typeof Value === 'string') env[Name] = Value;
    else if (options.bindings?.[Name] !== undefined) env[Name] = options.bindings[Name];
    else throw new Error(`Environment ${Name} is a reference (${JSON.stringify(Value)}); give its value in bindings.${Name}`);
  }
  for (const { Name, ValueFrom } of container.Secrets ?? []) {
    const value = options.secrets?.[Name];
    if (value === undefined) throw new Error(`Secret ${Name} (${JSON.stringify(ValueFrom)}) has no test value; give secrets.${Name}`);
    env[Name] = value;
  }
  return { ...env, ...options.platformEnv };
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
    throw new Error(`container ${container.Name}: LinuxParameters.Tmpfs is not supported on Fargate; ECS rejects this task definition`);
  }
  const { uid, gid } = resolveUser(options.image.rootfs, container.User ?? options.image.config.user ?? '0');
  const env = containerEnvironment(options, container);
  fs.mkdirSync(options.workDir, { recursive: true });

  let root = options.image.rootfs;
  let rootBind = '--ro-bind';
  if (!container.ReadonlyRootFilesystem) {
    // A writable root is the container's own layer: a copy, so the cached image is never written.
    root = path.join(options.workDir, 'rootfs');
    if (!fs.existsSync(root)) execFileSync('cp', ['-a', options.image.rootfs, root]);
    rootBind = '--bind';
  }
  const mounts: string[] = [];
  const volumeDirs: Record<string, string> = {};
  for (const mount of container.MountPoints ?? []) {
    const volume = options.taskDefinition.Volumes?.find((v) => v.Name === mount.SourceVolume);
    if (!volume) throw new Error(`MountPoint ${mount.ContainerPath}: no volume named ${mount.SourceVolume} in the task definition`);
    if (volume.Host || volume.EFSVolumeConfiguration || volume.DockerVolumeConfiguration) {
      throw new Error(`volume ${volume.Name}: only Fargate's ephemeral bind volumes are rehearsed`);
    }
    const dir = path.join(options.workDir, 'volumes', volume.Name);
    prepareVolume(dir, options.image, mount.ContainerPath);
    volumeDirs[volume.Name] = dir;
    // The runtime creates a missing mount point in the container's layer; bubblewrap cannot on a read-only bind.
    fs.mkdirSync(path.join(root, mount.ContainerPath), { recursive: true });
    mounts.push(mount.ReadOnly ? '--ro-bind' : '--bind', dir, mount.ContainerPath);
  }
  for (const [containerPath, hostPath] of Object.entries(options.extraBinds ?? {})) {
    if (!fs.existsSync(path.join(root, containerPath)) && fs.statSync(hostPath).isDirectory()) {
      fs.mkdirSync(path.join(root, containerPath), { recursive: true });
    }
    mounts.push('--ro-bind', hostPath, containerPath);
  }
  const command = options.commandOverride ?? [
    ...(container.EntryPoint ?? options.image.config.entrypoint ?? []),
    ...(container.Command ?? (container.EntryPoint ? [] : (options.image.config.cmd ?? []))),
  ];
  if (!command.length) throw new Error(`container ${container.Name}: neither the task definition nor the image names a command`);

  // setpriv drops to the task's uid and gid with no capabilities before bubblewrap starts, so every permission check
  // is the kernel's own for that uid; bubblewrap then builds the mounts in an unprivileged user namespace.
  const argv = [
    'setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--inh-caps=-all', '--',
    'bwrap',
    '--unshare-user', '--uid', String(uid), '--gid', String(gid),
    '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--hostname', 'rehearsal', '--die-with-parent',
    rootBind, root, '/',
    '--proc', '/proc',
    '--dev', '/dev',
    '--perms', '1777', '--tmpfs', '/dev/shm',
    ...mounts,
    '--clearenv',
    ...Object.entries(env).flatMap(([k, v]) => ['--setenv', k, v]),
    '--chdir', container.WorkingDirectory ?? options.image.config.workdir ?? '/',
    '--',
    ...command,
  ];
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
