import * as fs from 'fs';
import { verifyEvidenceBundle } from '../compliance/evidence/bundle/verify-bundle';

/** What `secure-platform evidence verify` was asked to do. */
export interface EvidenceVerifyArgs {
  readonly bundleDir: string;
  /** The assembly to hold the template digests against; undefined when none was given and cdk.out is absent. */
  readonly assemblyDir?: string;
}

export const EVIDENCE_VERIFY_USAGE = `Usage: secure-platform evidence verify DIR [--out ASSEMBLY]

Checks the evidence bundle in DIR (cdk.out/evidence): every file matches its SHA-256 in evidence-manifest.json, none
is missing or extra, and each template the evidence certified has the same digest in ASSEMBLY (default: cdk.out,
when it exists). Exits 1 naming each mismatch.`;

/** Parses the arguments of `evidence verify` (after `verify`). */
export function parseEvidenceVerifyArgs(args: readonly string[], exists = fs.existsSync): EvidenceVerifyArgs {
  let bundleDir: string | undefined;
  let assemblyDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') {
      assemblyDir = args[++i];
      if (assemblyDir === undefined || assemblyDir.startsWith('--'))
        throw new Error(`--out needs the assembly folder: --out ASSEMBLY\n\n${EVIDENCE_VERIFY_USAGE}`);
    } else if (arg.startsWith('--') || bundleDir !== undefined) {
      throw new Error(
        `unexpected argument '${arg}': give one DIR and at most --out ASSEMBLY\n\n${EVIDENCE_VERIFY_USAGE}`,
      );
    } else bundleDir = arg;
  }
  if (bundleDir === undefined)
    throw new Error(`evidence verify needs the bundle folder DIR\n\n${EVIDENCE_VERIFY_USAGE}`);
  return { bundleDir, assemblyDir: assemblyDir ?? (exists('cdk.out/manifest.json') ? 'cdk.out' : undefined) };
}

/** Verifies the bundle and prints the verdict; resolves to the exit code. */
export function runEvidenceVerify(
  args: EvidenceVerifyArgs,
  log: (line: string) => void = console.log,
  error: (line: string) => void = console.error,
): number {
  const result = verifyEvidenceBundle(args.bundleDir, args.assemblyDir);
  for (const p of result.problems) error(`FAIL ${p}`);
  const templates = args.assemblyDir
    ? `${result.templatesChecked} template digest(s) against ${args.assemblyDir}`
    : 'no template digests (no assembly: give --out ASSEMBLY)';
  log(
    `${result.problems.length ? 'Bundle does NOT verify' : 'Bundle verifies'}: ${result.filesChecked} file(s), ${templates}`,
  );
  return result.problems.length ? 1 : 0;
}
