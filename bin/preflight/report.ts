import { ServiceMode, ThreatDetectionService } from '../../lib/core/service-modes';

export interface PreflightFinding {
  readonly region: string;
  /**
   * `singleton`: an account singleton exists; `collision`: a fixed name the deploy would create is taken; `mode`:
   * the configured `threatDetection` mode contradicts what the account runs; `note`: what the preflight cannot see or
   * does not count; `unknown`: a call failed.
   */
  readonly kind: 'singleton' | 'collision' | 'mode' | 'note' | 'unknown';
  readonly subject: string;
  readonly detail: string;
  /** True when deploying as configured would fail, or leave a claim untrue. @default false */
  readonly blocking?: boolean;
}

export interface PreflightReport {
  readonly environment: string;
  readonly findings: PreflightFinding[];
  /** `threatDetection` values for the config, per what the account runs in both regions. */
  readonly suggestedThreatDetection: Record<ThreatDetectionService, ServiceMode>;
  /** True when deploying as configured would collide with something that exists, or leave a singleton missing. */
  readonly blocking: boolean;
}

/** The report as the terminal shows it. */
export function renderPreflight(report: PreflightReport): string {
  const lines = [`Preflight for environment '${report.environment}' (read-only)`];
  for (const f of report.findings)
    lines.push(`  [${f.kind}${f.blocking ? ', blocking' : ''}] ${f.region} ${f.subject}: ${f.detail}`);
  if (report.findings.length === 0) lines.push('  nothing in the way');
  lines.push('Suggested config:', JSON.stringify({ threatDetection: report.suggestedThreatDetection }, null, 2));
  lines.push(
    report.blocking
      ? "Blocking: choose the modes above and remove or rename what collides (docs/runbooks/first-deploy-rollback.md) before 'npx cdk deploy'."
      : 'Nothing blocks the deploy.',
  );
  return lines.join('\n');
}
