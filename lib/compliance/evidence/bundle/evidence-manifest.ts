import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from '../evidence-model';
import type { ReportIdentity } from '../report-identity';

/** The manifest's file name inside the evidence folder; it lists every other file of the folder. */
export const MANIFEST_FILE = 'evidence-manifest.json';

/** A template the bundle's evidence certifies, by the digest the report recorded. */
export interface ManifestTemplate {
  readonly environment: string;
  readonly stackName: string;
  readonly templateFile: string;
  readonly sha256: string;
}

/** What an auditor checks a bundle against: the SHA-256 of each file and of each template the evidence is about. */
export interface EvidenceManifest {
  readonly manifestVersion: 1;
  /** The report's identity: when, from which commit and with which versions the evidence was made. */
  readonly identity: ReportIdentity;
  /** Path relative to the bundle folder (`/`-separated) to SHA-256, hex, sorted by path. */
  readonly files: Readonly<Record<string, string>>;
  readonly templates: readonly ManifestTemplate[];
}

export function sha256Of(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file under `dir` but the manifest, relative and `/`-separated, sorted. */
export function bundleFiles(dir: string): string[] {
  const walk = (sub: string): string[] =>
    fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      return e.isDirectory() ? walk(rel) : [rel];
    });
  return walk('')
    .filter((f) => f !== MANIFEST_FILE)
    .sort();
}

/** The manifest of the bundle in `dir` as it stands, with the template digests `report` recorded. */
export function evidenceManifest(dir: string, report: EvidenceReport): EvidenceManifest {
  return {
    manifestVersion: 1,
    identity: report.identity,
    files: Object.fromEntries(bundleFiles(dir).map((f) => [f, sha256Of(path.join(dir, f))])),
    templates: report.environments.flatMap((env) =>
      env.stacks.flatMap((s) =>
        s.sha256
          ? [{ environment: env.environment, stackName: s.stackName, templateFile: s.templateFile, sha256: s.sha256 }]
          : [],
      ),
    ),
  };
}

/** Writes `dir/evidence-manifest.json`; call it last, when every other file of the bundle is written. */
export function writeEvidenceManifest(dir: string, report: EvidenceReport): string {
  const file = path.join(dir, MANIFEST_FILE);
  fs.writeFileSync(file, JSON.stringify(evidenceManifest(dir, report), null, 2) + '\n');
  return file;
}
