import * as fs from 'fs';
import { runSmokeChecks, SmokeResult, SmokeTarget } from './smoke-checks';

export const SMOKE_USAGE = `Usage: secure-platform smoke --url https://HOST [--http-url http://HOST] [--ca FILE]

Checks the deployed platform from outside, as a visitor would (no credentials): HTTPS answers with a certificate
that verifies and HSTS for at least a year; plain HTTP only redirects (301 or 308) to HTTPS, serving no content; a
TLS 1.1 handshake is refused; /.well-known/security.txt answers and its Expires lies in the future.
  --url URL       the platform's HTTPS address
  --http-url URL  its plain HTTP address (default: http://HOST on port 80)
  --ca FILE       a PEM certificate to trust besides the system's (a test CA)
Exits 0 when every check passes, 1 otherwise (the delivery pipeline's smoke step stops the wave).`;

export class SmokeUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n\n${SMOKE_USAGE}`);
    this.name = 'SmokeUsageError';
  }
}

/** Parses the options of `smoke` (after the command name). */
export function parseSmokeArgs(args: readonly string[]): SmokeTarget {
  let url: URL | undefined;
  let httpUrl: URL | undefined;
  let ca: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (what: string): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new SmokeUsageError(`${arg} needs a value: ${arg} ${what}`);
      return v;
    };
    const parsed = (text: string, protocol: string): URL => {
      let u: URL;
      try {
        u = new URL(text);
      } catch {
        throw new SmokeUsageError(`${arg} '${text}' is not a URL: give ${protocol}//HOST`);
      }
      if (u.protocol !== protocol) throw new SmokeUsageError(`${arg} '${text}' is not a ${protocol} URL`);
      return u;
    };
    if (arg === '--url') url = parsed(value('https://HOST'), 'https:');
    else if (arg === '--http-url') httpUrl = parsed(value('http://HOST'), 'http:');
    else if (arg === '--ca') ca = fs.readFileSync(value('FILE'), 'utf8');
    else throw new SmokeUsageError(`unknown argument '${arg}': use --url, --http-url or --ca`);
  }
  if (!url) throw new SmokeUsageError('--url is missing: secure-platform smoke --url https://HOST');
  return { url, httpUrl, ca };
}

/** Runs the checks, prints one line each, and resolves to the exit code. */
export async function runSmokeCommand(target: SmokeTarget, out: (line: string) => void = console.log): Promise<number> {
  const results: SmokeResult[] = await runSmokeChecks(target);
  for (const r of results) out(`${r.ok ? 'PASS' : 'FAIL'} ${r.check}: ${r.detail}`);
  return results.every((r) => r.ok) ? 0 : 1;
}
