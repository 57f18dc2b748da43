import { ServiceModeSetting, ThreatDetectionService } from '../../core/service-modes';

export interface PreflightFinding {
  readonly region: string;
  /**
   * `singleton`: an account singleton exists; `collision`: a fixed name the deploy would create is taken; `mode`:
   * the configured `threatDetection` mode contradicts what the account runs; `quota`: an account limit the templates
   * exceed; `prerequisite`: something the templates expect to exist first is missing or not ready; `account`: the
   * credentials are for another account than the environment's; `note`: what the preflight cannot see or does not
   * count; `unknown`: something could not be checked (no credentials, a call denied or failing), which blocks.
   */
  readonly kind: 'singleton' | 'collision' | 'mode' | 'quota' | 'prerequisite' | 'account' | 'note' | 'unknown';
  readonly subject: string;
  readonly detail: string;
  /** True when deploying as configured would fail, leave a claim untrue, or was not checked. @default false */
  readonly blocking?: boolean;
}

export interface PreflightReport {
  readonly environment: string;
  /** The account the credentials belong to, when they could be used. */
  readonly account?: string;
  readonly findings: PreflightFinding[];
  /** What was checked and found in order, one line each ("bucket x in eu-west-1: free"). */
  readonly checked: readonly string[];
  /** `threatDetection` values for the config, per what the account runs: one mode, or `{ primary, recovery }`. */
  readonly suggestedThreatDetection: Record<ThreatDetectionService, ServiceModeSetting>;
  /** True when anything blocks: a collision, a missing prerequisite, an exceeded quota, or anything not checked. */
  readonly blocking: boolean;
}

/** What could not be checked: a blocking finding naming what and why. */
export function notChecked(region: string, subject: string, why: string): PreflightFinding {
  return { region, kind: 'unknown', subject, blocking: true, detail: `could not be checked: ${why}` };
}

/** The report as the terminal shows it. */
export function renderPreflight(report: PreflightReport): string {
  const account = report.account ? ` in account ${report.account}` : '';
  const lines = [`Preflight for environment '${report.environment}'${account} (read-only)`];
  for (const f of report.findings)
    lines.push(`  [${f.kind}${f.blocking ? ', blocking' : ''}] ${f.region} ${f.subject}: ${f.detail}`);
  // A suggestion from an account nothing was asked of would be a guess.
  if (report.checked.length > 0)
    lines.push('Suggested config:', JSON.stringify({ threatDetection: report.suggestedThreatDetection }, null, 2));
  const blocking = report.findings.filter((f) => f.blocking).length;
  lines.push(
    report.blocking
      ? `Blocking: ${blocking} finding${blocking === 1 ? '' : 's'} above. Resolve each (choose the modes above, remove or rename what collides: docs/runbooks/first-deploy-rollback.md; what could not be checked blocks until it can be) before 'npx cdk deploy'.`
      : `Nothing blocks the deploy: all ${report.checked.length} items were checked, none is in the way.`,
  );
  return lines.join('\n');
}
