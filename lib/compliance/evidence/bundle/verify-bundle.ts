import * as fs from 'fs';
import * as path from 'path';
import { PlatformAssembly } from '../../template/platform-assembly';
import { bundleFiles, EvidenceManifest, MANIFEST_FILE, sha256Of } from './evidence-manifest';

export interface BundleVerification {
  /** One line per mismatch, naming the file or template; empty when the bundle verifies. */
  readonly problems: readonly string[];
  readonly filesChecked: number;
  /** Templates held against an assembly; 0 when no assembly was given or found. */
  readonly templatesChecked: number;
}

/**
 * Checks an evidence bundle: every file's SHA-256 matches its manifest, no file is missing or extra, and (with an
 * assembly) every template the evidence certified is in the assembly with the same digest.
 */
export function verifyEvidenceBundle(dir: string, assemblyDir?: string): BundleVerification {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) {
    throw new Error(`no ${MANIFEST_FILE} in ${dir}: not an evidence bundle; 'secure-platform evidence' writes one`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as EvidenceManifest;
  if (manifest.manifestVersion !== 1 || typeof manifest.files !== 'object' || !Array.isArray(manifest.templates)) {
    throw new Error(`${manifestPath} is not an evidence manifest of version 1`);
  }
  const problems: string[] = [];
  const present = new Set(bundleFiles(dir));
  for (const [file, expected] of Object.entries(manifest.files)) {
    if (!present.has(file)) problems.push(`missing: ${file} is in the manifest but not in ${dir}`);
    else if (sha256Of(path.join(dir, file)) !== expected)
      problems.push(`changed: ${file} does not match its SHA-256 in the manifest`);
  }
  for (const file of present) {
    if (!(file in manifest.files)) problems.push(`extra: ${file} is not in the manifest`);
  }
  let templatesChecked = 0;
  if (assemblyDir !== undefined) {
    const stacks = PlatformAssembly.fromDirectory(assemblyDir).stacks;
    for (const t of manifest.templates) {
      const stack = stacks.find((s) => s.stackName === t.stackName && path.basename(s.templatePath) === t.templateFile);
      templatesChecked++;
      if (!stack) problems.push(`template missing: ${t.templateFile} (stack ${t.stackName}) is not in ${assemblyDir}`);
      else if (sha256Of(stack.templatePath) !== t.sha256)
        problems.push(
          `template changed: ${t.templateFile} (stack ${t.stackName}) differs from the one the evidence certified`,
        );
    }
  }
  return { problems, filesChecked: Object.keys(manifest.files).length, templatesChecked };
}
