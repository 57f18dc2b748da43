/**
 * Facts about a container image and its task definition, read statically from the Dockerfile's text and the
 * synthesized template, for the engine's checks (REST-3, HA-1): the PostgreSQL client major the image installs, the
 * paths a non-root container on a read-only root can write, and whether the image's platform is pinned to the task's
 * CPU architecture. Pure functions; the rehearsal (scripts/rehearsal) proves the same by running the image.
 */

/** Debian's default PostgreSQL major per suite, for an unversioned `postgresql-client`. */
export const DEBIAN_POSTGRESQL_MAJOR: Readonly<Record<string, number>> = {
  bullseye: 13,
  bookworm: 15,
  trixie: 17,
};

/** Instruction keyword and argument text of each logical line (continuations joined, comments dropped). */
export function dockerfileInstructions(text: string): { keyword: string; args: string }[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\s*\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => /^\s*(\w+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ keyword: m[1].toUpperCase(), args: m[2].trim() }));
}

/** The Debian suite of the FROM line, when the base is Debian (`…/debian:<suite>[-slim]`). */
export function debianSuite(dockerfile: string): string | undefined {
  const from = dockerfileInstructions(dockerfile).find((i) => i.keyword === 'FROM');
  return from && /(?:^|\/)debian:([a-z]+)(?:-slim)?(?:@\S+)?$/.exec(from.args.split(/\s+/)[0])?.[1];
}

export interface ClientMajor {
  /** The major version, or undefined when the image installs no PostgreSQL client that can be read. */
  readonly major?: number;
  /** The package that decided it, e.g. `postgresql-client-17`, or `postgresql-client (bookworm)`. */
  readonly source?: string;
}

/** The PostgreSQL client major an image installs with apt-get (versioned package, else the suite's default). */
export function postgresClientMajor(dockerfile: string): ClientMajor {
  const packages = dockerfileInstructions(dockerfile)
    .filter((i) => i.keyword === 'RUN')
    .flatMap((i) => [...i.args.matchAll(/apt-get\s+install\s+([^;&|]*)/g)].flatMap((m) => m[1].split(/\s+/)));
  const versioned = packages.map((p) => /^postgresql(?:-client)?-(\d+)$/.exec(p)).find((m) => m);
  if (versioned) return { major: Number(versioned[1]), source: versioned[0] };
  const plain = packages.find((p) => p === 'postgresql-client' || p === 'postgresql');
  if (!plain) return {};
  const suite = debianSuite(dockerfile);
  const major = suite ? DEBIAN_POSTGRESQL_MAJOR[suite] : undefined;
  return { major, source: `${plain} (${suite ?? 'unknown base'})` };
}

/** The major of an `AWS::RDS::DBCluster` `EngineVersion` such as '17.4'. */
export function engineMajor(engineVersion: string): number | undefined {
  const m = /^(\d+)/.exec(engineVersion);
  return m ? Number(m[1]) : undefined;
}

/** The parts of a CloudFormation container definition these facts read. */
export interface ContainerFactsInput {
  readonly User?: string;
  readonly ReadonlyRootFilesystem?: boolean;
  readonly MountPoints?: readonly { SourceVolume?: string; ContainerPath?: string; ReadOnly?: boolean }[];
  readonly LinuxParameters?: { Tmpfs?: readonly unknown[] };
}

export interface WritablePath {
  readonly path: string;
  readonly writable: boolean;
  readonly reason: string;
}

function uidOf(user: string | undefined): string {
  return (user ?? '0').split(':')[0];
}

/**
 * For each writable MountPoint of a non-root container on a read-only root: whether its uid can write there under
 * Fargate's semantics. An empty bind volume is root-owned 0755; a path the image declares a VOLUME gets the image's
 * owner and mode, read here from the Dockerfile's RUN steps (`chown <uid>` of the path, or mode 1777/777, or Debian's
 * own /tmp). LinuxParameters.Tmpfs is not writable on Fargate at all: ECS rejects it there.
 */
export function writablePaths(dockerfile: string, container: ContainerFactsInput): WritablePath[] {
  const uid = uidOf(container.User);
  const instructions = dockerfileInstructions(dockerfile);
  const volumes = instructions
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap((i) => (i.args.startsWith('[') ? (JSON.parse(i.args) as string[]) : i.args.split(/\s+/)));
  const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (container.MountPoints ?? [])
    .filter((m) => m.ContainerPath && !m.ReadOnly)
    .map((m): WritablePath => {
      const p = m.ContainerPath!;
      if (uid === '0' || uid === 'root') return { path: p, writable: true, reason: 'the container runs as root' };
      if (!volumes.includes(p)) {
        return { path: p, writable: false, reason: `not a VOLUME of the image: Fargate mounts it root-owned 0755` };
      }
      const at = `\\s${escape(p)}(\\s|$|;|&)`;
      const chowned = runs.some((r) => new RegExp(`chown\\s+(-\\S+\\s+)*\\S+${at}`).test(r));
      const chownedToUid = runs.some((r) => new RegExp(`chown\\s+(-\\S+\\s+)*${escape(uid)}(:\\S+)?${at}`).test(r));
      const worldWritable =
        runs.some((r) => new RegExp(`(chmod\\s+(-\\S+\\s+)*|mkdir\\s+(-\\S+\\s+)*-m\\s*)0?[17]777${at}`).test(r)) ||
        (p === '/tmp' && debianSuite(dockerfile) !== undefined);
      if (chownedToUid) return { path: p, writable: true, reason: `a VOLUME the image owns as uid ${uid}` };
      if (worldWritable) return { path: p, writable: true, reason: 'a VOLUME the image leaves world-writable (1777)' };
      return {
        path: p,
        writable: false,
        reason: chowned ? `a VOLUME owned by another user than ${uid}` : 'a VOLUME the image leaves root-owned',
      };
    });
}

/** Docker platform of each ECS CPU architecture. */
export const PLATFORM_OF_ARCHITECTURE: Readonly<Record<string, string>> = {
  X86_64: 'linux/amd64',
  ARM64: 'linux/arm64',
};

export interface PlatformPin {
  readonly pinned: boolean;
  readonly assetPlatform?: string;
  readonly taskArchitecture: string;
  readonly reason: string;
}

/**
 * Whether an image asset is built for its task's CPU architecture: the asset manifest's
 * `dockerImages[hash].source.platform` against the task definition's `RuntimePlatform.CpuArchitecture`
 * (X86_64 when absent, as ECS assumes).
 */
export function platformPin(assetPlatform: string | undefined, cpuArchitecture: string | undefined): PlatformPin {
  const taskArchitecture = cpuArchitecture ?? 'X86_64';
  const wanted = PLATFORM_OF_ARCHITECTURE[taskArchitecture];
  if (!assetPlatform) {
    return {
      pinned: false,
      taskArchitecture,
      reason: `no platform: built for whatever machine runs cdk deploy, the task needs ${wanted}`,
    };
  }
  return assetPlatform === wanted
    ? {
        pinned: true,
        assetPlatform,
        taskArchitecture,
        reason: `built for ${assetPlatform}, the task's ${taskArchitecture}`,
      }
    : {
        pinned: false,
        assetPlatform,
        taskArchitecture,
        reason: `built for ${assetPlatform}, the task runs ${taskArchitecture} (${wanted})`,
      };
}
