/**
 * One process in a root file system under bubblewrap, really as the given uid and gid: setpriv drops to them with
 * no capabilities before bubblewrap starts, so every permission check is the kernel's own for that uid, and
 * bubblewrap builds the mounts in an unprivileged user namespace. Loopback is the host's.
 */
import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface Bind {
  readonly host: string;
  readonly container: string;
  /** @default false */
  readonly writable?: boolean;
}

export interface SandboxOptions {
  readonly rootfs: string;
  readonly uid: number;
  readonly gid: number;
  readonly argv: string[];
  /** Mounted in order, after the root. @default - none */
  readonly binds?: Bind[];
  /** The whole environment (nothing is inherited). @default - none */
  readonly env?: Record<string, string>;
  /** @default true */
  readonly readOnlyRoot?: boolean;
  /** @default '/' */
  readonly cwd?: string;
}

/** The command line; creates missing mount points in the root file system first, as a container runtime does. */
export function sandboxArgv(o: SandboxOptions): string[] {
  for (const b of o.binds ?? []) {
    const target = path.join(o.rootfs, b.container);
    if (!fs.existsSync(target)) {
      if (fs.statSync(b.host).isDirectory()) fs.mkdirSync(target, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, '');
      }
    }
  }
  return [
    'setpriv',
    `--reuid=${o.uid}`,
    `--regid=${o.gid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--',
    'bwrap',
    '--unshare-user',
    '--uid',
    String(o.uid),
    '--gid',
    String(o.gid),
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--hostname',
    'rehearsal',
    '--die-with-parent',
    o.readOnlyRoot === false ? '--bind' : '--ro-bind',
    o.rootfs,
    '/',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    // Docker and Fargate give every container a writable /dev/shm, read-only root or not.
    '--perms',
    '1777',
    '--tmpfs',
    '/dev/shm',
    ...(o.binds ?? []).flatMap((b) => [b.writable ? '--bind' : '--ro-bind', b.host, b.container]),
    '--clearenv',
    ...Object.entries(o.env ?? {}).flatMap(([k, v]) => ['--setenv', k, v]),
    '--chdir',
    o.cwd ?? '/',
    '--',
    ...o.argv,
  ];
}

export function sandboxRun(o: SandboxOptions, timeoutMs = 300_000): SpawnSyncReturns<string> {
  const argv = sandboxArgv(o);
  return spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

/** Runs and throws with the output when the command fails. */
export function sandboxOk(o: SandboxOptions, timeoutMs?: number): string {
  const r = sandboxRun(o, timeoutMs);
  if (r.status !== 0) throw new Error(`${o.argv.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Starts a long-running process; the caller stops it with `kill()`. */
export function sandboxStart(o: SandboxOptions, output?: { logFile: string }): ChildProcess {
  const argv = sandboxArgv(o);
  if (!output) return spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  // Into a file, not a pipe Node drains: while a test blocks the event loop (spawnSync), a full pipe would block
  // the process on its next write.
  const fd = fs.openSync(output.logFile, 'a');
  try {
    return spawn(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
}
