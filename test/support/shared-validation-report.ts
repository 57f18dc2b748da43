import * as fs from 'fs';
import { SHARED_VALIDATION_REPORT } from './reference-constants';

export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations?: readonly ViolationEntry[];
    readonly suppressedViolations?: readonly (ViolationEntry & { readonly reason?: string })[];
  }[];
}

interface ViolationEntry {
  readonly ruleName: string;
  readonly violatingConstructs?: readonly { readonly constructPath?: string }[];
}

let report: ValidationReport | undefined;

/** CDK's validation report of the shared platforms (written by the global setup, as `cdk synth` writes it). */
export function sharedValidationReport(): ValidationReport {
  report ??= JSON.parse(fs.readFileSync(SHARED_VALIDATION_REPORT, 'utf8')) as ValidationReport;
  return report;
}

/**
 * Findings that no acknowledgment covers, of every pack and the app-wide checks, on constructs under `pathPrefix`
 * (for example `ref/Network/`), as `<rule> <construct path>`: what would fail `cdk synth`.
 */
export function unacknowledgedFindingsUnder(pathPrefix: string): string[] {
  return sharedValidationReport().pluginReports.flatMap((plugin) =>
    (plugin.violations ?? []).flatMap((v) =>
      (v.violatingConstructs ?? [{}])
        // A finding that names no construct cannot be placed, so it counts against every prefix.
        .filter((c) => c.constructPath === undefined || c.constructPath.startsWith(pathPrefix))
        .map((c) => `${plugin.pluginName}: ${v.ruleName} ${c.constructPath}`),
    ),
  );
}
