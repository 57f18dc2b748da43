import { EVIDENCE_VERIFY_USAGE } from './evidence-verify';

/** What `secure-platform evidence` was asked to do. */
export interface EvidenceArgs {
  /** Also fail on claims not implemented or weakened. */
  readonly strict: boolean;
  /** The cloud assembly to read (`cdk.out`); the evidence goes to its `evidence/` folder. */
  readonly outdir: string;
  /** Your own security response page and breach runbook, laid out as the library's `docs/`. */
  readonly documentsDir?: string;
}

export const EVIDENCE_USAGE = `Usage: secure-platform evidence [--strict] [--out DIR] [--docs DIR]

Writes DIR/evidence/security-evidence.md and .json from the cloud assembly of \`npx cdk synth '**'\`.
  --strict     also fail when a claim is not implemented or weakened (what CI should run)
  --out DIR    the cloud assembly to read (default: cdk.out)
  --docs DIR   your own documents, laid out as the library's docs/: DIR/security-response.md and
               DIR/runbooks/breach-notification.md (default: the copies shipped in the package)
Exits 1 when a claim fails (or, with --strict, is not proven).

The folder is a bundle: the report, the JSON, the trust page and evidence-manifest.json (their SHA-256 digests and
the templates'). An auditor checks it with:
${EVIDENCE_VERIFY_USAGE}`;

/** A command line that cannot be run: says which argument and how to fix it. */
export class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${EVIDENCE_USAGE}`);
    this.name = 'UsageError';
  }
}

/** Parses the options of `evidence` (after the command name). */
export function parseEvidenceArgs(args: readonly string[]): EvidenceArgs {
  let strict = false;
  let outdir = 'cdk.out';
  let documentsDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a folder: ${arg} DIR`);
      return v;
    };
    if (arg === '--strict') strict = true;
    else if (arg === '--out') outdir = value();
    else if (arg === '--docs') documentsDir = value();
    else throw new UsageError(`unknown argument '${arg}': use --strict, --out DIR or --docs DIR`);
  }
  return { strict, outdir, documentsDir };
}
