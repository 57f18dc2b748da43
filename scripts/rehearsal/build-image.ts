/**
 * Builds a container image from its Dockerfile without a Docker daemon: a Debian root file system of the FROM suite
 * (debian-rootfs.sh, with the packages the RUN steps install already included), then each step applied in it (RUN
 * under bubblewrap as root, like a chroot with /proc and /dev; COPY and ADD with Docker's ownership and modes), and
 * the image config (USER, ENV, VOLUME, ENTRYPOINT, CMD, WORKDIR) kept beside it. Cached under
 * .rehearsal/images/<key>, the key digesting the Dockerfile, every file it copies, the substitutes and this builder.
 */
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { aptPackagesOf, debianSuiteOf, Instruction, parseDockerfile } from './dockerfile';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Whether every folder down to `dir` lets other users through (the task's uid must reach the image). */
function traversableByOthers(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * The rehearsal's cache: `.rehearsal/` in the repository, unless a folder above it shuts other users out (a clone
 * under /root, say), since containers run as their own uid; then a folder of /var/tmp named after the repository.
 */
export const REHEARSAL_DIR =
  process.env.REHEARSAL_DIR ??
  (traversableByOthers(REPO_ROOT)
    ? path.join(REPO_ROOT, '.rehearsal')
    : path.join('/var/tmp', `rehearsal-${crypto.createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}`));

/** What a container runtime reads from an image. */
export interface ImageConfig {
  readonly user?: string;
  readonly env: Record<string, string>;
  readonly volumes: string[];
  readonly entrypoint?: string[];
  readonly cmd?: string[];
  readonly workdir?: string;
  readonly exposedPorts: string[];
}

export interface BuiltImage {
  readonly rootfs: string;
  readonly config: ImageConfig;
  /** Seconds the build took; 0 when it came from the cache. */
  readonly buildSeconds: number;
}

export interface BuildImageOptions {
  /** The build context (a directory holding the Dockerfile), e.g. a cdk.out asset directory. */
  readonly contextDir: string;
  /** Dockerfile name inside the context. @default 'Dockerfile' */
  readonly dockerfile?: string;
  /**
   * Local files standing in for `ADD <url>` sources, by URL: this machine reaches no web server but Debian's
   * mirrors, and the rehearsal wants its own test CA where the real image downloads a CA bundle.
   * @default - none; an ADD from a URL without a substitute is an error
   */
  readonly urlSubstitutes?: Record<string, string>;
  /** Values of the Dockerfile's ARGs. @default - each ARG's default */
  readonly buildArgs?: Record<string, string>;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BUILDER_SOURCES = ['build-image.ts', 'dockerfile.ts', 'debian-rootfs.sh', 'in-rootfs.sh'].map((f) =>
  path.join(__dirname, f),
);

function digestOf(options: BuildImageOptions, text: string, instructions: Instruction[]): string {
  const hash = crypto.createHash('sha256');
  hash.update(text);
  for (const i of instructions) {
    if (i.kind !== 'COPY' && i.kind !== 'ADD') continue;
    for (const source of i.sources) {
      const file = options.urlSubstitutes?.[source] ?? path.join(options.contextDir, source);
      hash.update(`\0${source}\0`);
      hash.update(fs.readFileSync(file));
    }
  }
  hash.update(JSON.stringify(options.buildArgs ?? {}));
  for (const f of BUILDER_SOURCES) hash.update(fs.readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/** uid:gid of a `--chown` value or a USER, names resolved in the image's /etc/passwd and /etc/group. */
export function resolveUser(rootfs: string, spec: string): { uid: number; gid: number } {
  const [user, group] = spec.split(':');
  const passwd = fs
    .readFileSync(path.join(rootfs, 'etc/passwd'), 'utf8')
    .split('\n')
    .map((l) => l.split(':'));
  const groups = fs
    .readFileSync(path.join(rootfs, 'etc/group'), 'utf8')
    .split('\n')
    .map((l) => l.split(':'));
  const entry = passwd.find((p) => p[0] === user || p[2] === user);
  const uid = /^\d+$/.test(user) ? Number(user) : entry ? Number(entry[2]) : NaN;
  if (Number.isNaN(uid)) throw new Error(`user '${user}' is neither numeric nor in the image's /etc/passwd`);
  let gid: number;
  if (group === undefined) {
    // Docker: the user's primary group from /etc/passwd, else the root group.
    gid = entry ? Number(entry[3]) : 0;
  } else {
    gid = /^\d+$/.test(group) ? Number(group) : Number(groups.find((g) => g[0] === group)?.[2] ?? NaN);
    if (Number.isNaN(gid)) throw new Error(`group '${group}' is neither numeric nor in the image's /etc/group`);
  }
  return { uid, gid };
}

function copyInto(source: string, target: string, chmod: number | undefined, owner: { uid: number; gid: number }) {
  const stat = fs.statSync(source);
  if (stat.isDirectory()) {
    fs.mkdirSync(target, { recursive: true });
    for (const entry of fs.readdirSync(source))
      copyInto(path.join(source, entry), path.join(target, entry), chmod, owner);
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
  }
  // Docker keeps the source's mode unless --chmod, and makes root the owner unless --chown.
  fs.chmodSync(target, chmod ?? stat.mode & 0o7777);
  fs.chownSync(target, owner.uid, owner.gid);
}

function runStep(rootfs: string, argv: string[], env: Record<string, string>, workdir: string) {
  // Only the image's environment, as in a Docker build; in-rootfs.sh adds the mounts.
  const script = path.join(__dirname, 'in-rootfs.sh');
  const inDir = workdir === '/' ? argv : ['/bin/sh', '-c', 'cd "$0" && exec "$@"', workdir, ...argv];
  execFileSync('bash', [script, rootfs, ...inDir], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, REHEARSAL_DIR },
  });
}

/** Builds (or takes from the cache) the image of `contextDir/Dockerfile`. */
export function buildImage(options: BuildImageOptions): BuiltImage {
  const dockerfile = path.join(options.contextDir, options.dockerfile ?? 'Dockerfile');
  const text = fs.readFileSync(dockerfile, 'utf8');
  const instructions = parseDockerfile(text);
  const key = digestOf(options, text, instructions);
  const dir = path.join(REHEARSAL_DIR, 'images', key);
  const configFile = path.join(dir, 'config.json');
  if (fs.existsSync(configFile)) {
    return {
      rootfs: path.join(dir, 'rootfs'),
      config: JSON.parse(fs.readFileSync(configFile, 'utf8')) as ImageConfig,
      buildSeconds: 0,
    };
  }
  const started = Date.now();
  const from = instructions[0];
  if (from?.kind !== 'FROM') throw new Error(`${dockerfile}: the first instruction must be FROM`);
  const suite = debianSuiteOf(from.image);
  const base = execFileSync(
    'bash',
    [path.join(__dirname, 'debian-rootfs.sh'), `image-${suite}`, suite, ...aptPackagesOf(instructions)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, REHEARSAL_DIR },
    },
  ).trim();

  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const rootfs = path.join(tmp, 'rootfs');
  execFileSync('cp', ['-a', base, rootfs]);
  fs.rmSync(path.join(rootfs, '.rehearsal-complete'));

  const env: Record<string, string> = { PATH: DEFAULT_PATH };
  const args: Record<string, string> = {};
  const volumes: string[] = [];
  let user: string | undefined;
  let entrypoint: string[] | undefined;
  let cmd: string[] | undefined;
  let workdir = '/';
  const exposedPorts: string[] = [];
  for (const i of instructions.slice(1)) {
    switch (i.kind) {
      case 'FROM':
        throw new Error(`${dockerfile}: multi-stage builds are not supported`);
      case 'RUN':
        if (user && !/^(0|root)(:|$)/.test(user)) {
          throw new Error(`${dockerfile}: RUN after USER ${user} is not supported; put the RUN steps before USER`);
        }
        runStep(rootfs, i.shell, { ...args, ...env, DEBIAN_FRONTEND: 'noninteractive' }, workdir);
        break;
      case 'COPY':
      case 'ADD': {
        const owner = i.chown ? resolveUser(rootfs, i.chown) : { uid: 0, gid: 0 };
        const toDir = i.dest.endsWith('/') || i.sources.length > 1;
        for (const source of i.sources) {
          const isUrl = /^https?:\/\//.test(source);
          if (isUrl && i.kind === 'COPY') throw new Error(`${dockerfile}: COPY cannot take a URL (${source})`);
          let file = path.join(options.contextDir, source);
          if (isUrl) {
            const substitute = options.urlSubstitutes?.[source];
            if (!substitute) {
              throw new Error(
                `${dockerfile}: ADD ${source} needs a local substitute (urlSubstitutes); this machine reaches no web server`,
              );
            }
            file = substitute;
          }
          const dest = path.posix.resolve(workdir, i.dest);
          const target = path.join(rootfs, toDir ? path.posix.join(dest, path.basename(source)) : dest);
          // Docker writes a file downloaded by ADD with mode 0600 unless --chmod says otherwise.
          copyInto(file, target, i.chmod ?? (isUrl ? 0o600 : undefined), owner);
        }
        break;
      }
      case 'USER':
        user = i.user;
        break;
      case 'VOLUME':
        for (const p of i.paths) {
          volumes.push(p);
          // A declared path that does not exist is created, owned by root.
          fs.mkdirSync(path.join(rootfs, p), { recursive: true, mode: 0o755 });
        }
        break;
      case 'ENV':
        for (const [k, v] of Object.entries(i.vars)) {
          env[k] = v.replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? args[name] ?? '');
        }
        break;
      case 'ARG':
        args[i.name] = options.buildArgs?.[i.name] ?? i.value ?? '';
        break;
      case 'ENTRYPOINT':
        entrypoint = i.argv;
        cmd = undefined; // Docker: a new ENTRYPOINT resets an inherited CMD
        break;
      case 'CMD':
        cmd = i.argv;
        break;
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, i.path);
        fs.mkdirSync(path.join(rootfs, workdir), { recursive: true });
        break;
      case 'EXPOSE':
        exposedPorts.push(...i.ports);
        break;
      case 'LABEL':
        break;
    }
  }
  const config: ImageConfig = { user, env, volumes, entrypoint, cmd, workdir, exposedPorts };
  fs.writeFileSync(path.join(tmp, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return { rootfs: path.join(dir, 'rootfs'), config, buildSeconds: (Date.now() - started) / 1000 };
}
