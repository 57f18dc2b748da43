import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface ReportIdentity {
  readonly generatedAt: string;
  /** The git commit of the working directory, when it is a git checkout; `+dirty` when it has changes. */
  readonly commit?: string;
  readonly versions: Readonly<Record<string, string>>;
}

/** Who and what made the report: the time, the commit and the versions of the library and its peers. */
export function reportIdentity(now: Date, cwd: string): ReportIdentity {
  return { generatedAt: now.toISOString(), commit: gitCommit(cwd), versions: versions() };
}

function gitCommit(cwd: string): string | undefined {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? '+dirty' : ''}`;
}

function versions(): Record<string, string> {
  const version = (pkg: string): string => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  const own = ownPackage();
  return { [own.name]: own.version, 'aws-cdk-lib': version('aws-cdk-lib'), 'cdk-nag': version('cdk-nag') };
}

/** The library's own package.json: the nearest one above this file, from the sources or from dist/. */
function ownPackage(): { name: string; version: string } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as { name: string; version: string };
    if (path.dirname(dir) === dir) return { name: 'secure-platform', version: 'unknown' };
  }
}
