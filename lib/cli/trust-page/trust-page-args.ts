/** What `secure-platform trust-page` was asked to do. */
export interface TrustPageArgs {
  /** The evidence JSON to render. */
  readonly evidenceFile: string;
  /** Where the page goes. */
  readonly pageFile: string;
  /** The page's link to the full report. */
  readonly reportHref: string;
  /** The report of `secure-platform verify` whose times and statuses the page shows, when given. */
  readonly verifyFile?: string;
}

export const TRUST_PAGE_USAGE = `Usage: secure-platform trust-page [--out DIR] [--evidence FILE] [--page FILE] [--report-href HREF]
                                  [--verify FILE]

Renders the public trust page (one self-contained HTML file, no script, no external fetch) from the evidence JSON:
each promise of the security page, its status, when it was last verified, what proves it and its framework ids.
It names no account, ARN or resource; those stay in the full report it links to.
  --out DIR           the cloud assembly whose evidence to read: DIR/evidence/security-evidence.json (default: cdk.out)
  --evidence FILE     the evidence JSON to read instead
  --page FILE         where to write the page (default: trust-page.html beside the evidence JSON)
  --report-href HREF  the page's link to the full report (default: security-evidence.md, the report beside it)
  --verify FILE       a verify-report.json of 'secure-platform verify' for the evidence's environment: each promise
                      then shows when it was last verified in the account (default: "not yet verified in the account")
'secure-platform evidence' already writes the page into its bundle; run this for another link or place.`;

/** A command line that cannot be run: says which argument and how to fix it. */
export class TrustPageUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${TRUST_PAGE_USAGE}`);
    this.name = 'TrustPageUsageError';
  }
}

/** Parses the options of `trust-page` (after the command name). */
export function parseTrustPageArgs(args: readonly string[]): TrustPageArgs {
  let outdir = 'cdk.out';
  let evidenceFile: string | undefined;
  let pageFile: string | undefined;
  let reportHref = 'security-evidence.md';
  let verifyFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (what: string): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new TrustPageUsageError(`${arg} needs ${what}: ${arg} ${what}`);
      return v;
    };
    if (arg === '--out') outdir = value('DIR');
    else if (arg === '--evidence') evidenceFile = value('FILE');
    else if (arg === '--page') pageFile = value('FILE');
    else if (arg === '--report-href') reportHref = value('HREF');
    else if (arg === '--verify') verifyFile = value('FILE');
    else
      throw new TrustPageUsageError(
        `unknown argument '${arg}': use --out DIR, --evidence FILE, --page FILE, --report-href HREF or --verify FILE`,
      );
  }
  const evidence = evidenceFile ?? `${outdir}/evidence/security-evidence.json`;
  return {
    evidenceFile: evidence,
    pageFile: pageFile ?? evidence.replace(/[^/\\]*$/, 'trust-page.html'),
    reportHref,
    verifyFile,
  };
}
