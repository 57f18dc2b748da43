import { EVIDENCE_USAGE, parseEvidenceArgs } from './evidence-args';
import { runEvidence } from './evidence-command';
import { parseEvidenceVerifyArgs, runEvidenceVerify } from './evidence-verify';
import { INIT_USAGE, parseInitArgs, runInitCommand } from './init';
import { parsePreflightArgs, PREFLIGHT_USAGE, runPreflightCommand } from './preflight';
import { parseSmokeArgs, runSmokeCommand, SMOKE_USAGE } from './smoke';
import { parseVerifyArgs, runVerifyCommand, VERIFY_USAGE } from './verify';
import { parseTrustPageArgs, runTrustPage, TRUST_PAGE_USAGE } from './trust-page';

/** One command of `secure-platform`: its usage (printed by `--help`) and what it does with its arguments. */
export interface CliCommand {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/** Every command, in the order `secure-platform --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'evidence',
    summary: 'judge the synthesized assembly claim by claim and write the evidence report',
    usage: EVIDENCE_USAGE,
    run: (args) => {
      if (args[0] === 'verify') return Promise.resolve(runEvidenceVerify(parseEvidenceVerifyArgs(args.slice(1))));
      const run = runEvidence(parseEvidenceArgs(args));
      for (const p of run.problems) console.error(`FAIL ${p}`);
      return Promise.resolve(run.problems.length ? 1 : 0);
    },
  },
  {
    name: 'preflight',
    summary: 'ask the target account, read-only, what would block the first deploy',
    usage: PREFLIGHT_USAGE,
    run: (args) => runPreflightCommand(parsePreflightArgs(args)),
  },
  {
    name: 'verify',
    summary: 'read the deployed account, read-only, and verify each claim live (exit 1 unless all verified)',
    usage: VERIFY_USAGE,
    run: (args) => runVerifyCommand(parseVerifyArgs(args)),
  },
  {
    name: 'smoke',
    summary:
      'check the live endpoint from outside: HTTPS with HSTS, HTTP only redirecting, TLS 1.1 refused, security.txt',
    usage: SMOKE_USAGE,
    run: (args) => runSmokeCommand(parseSmokeArgs(args)),
  },
  {
    name: 'init',
    summary: 'write a CDK app (cdk.json, tsconfig.json, package.json, bin/app.ts) and a config to fill in',
    usage: INIT_USAGE,
    run: (args) => runInitCommand(parseInitArgs(args)),
  },
  {
    name: 'trust-page',
    summary: 'render the public trust page (static HTML) from the evidence JSON',
    usage: TRUST_PAGE_USAGE,
    run: (args) => Promise.resolve(runTrustPage(parseTrustPageArgs(args))),
  },
];
