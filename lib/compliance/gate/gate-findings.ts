import type { IConstruct } from 'constructs';
import type { ClaimId } from '../../core/claims/claim';

/** One finding of one pack on one resource, as the gate's plugins reported it (before acknowledgments). */
export interface GateFinding {
  /** The plugin that reported it: `Claims`, `AwsSolutions`, `NIST.800.53.R5`, ... */
  readonly pluginName: string;
  /** The rule, as acknowledgeFinding takes it: `Claims-REST1-...[NotEncryptedAtRest]`, `AwsSolutions-S1`. */
  readonly ruleName: string;
  /** What the rule requires, in the pack's words. */
  readonly description: string;
  /** What is wrong, in the pack's words (for a claims check, its result's detail). */
  readonly what: string;
  readonly severity: string;
  /** How to fix it, when the gate knows. */
  readonly fix?: string;
  /** For a claims finding: the check, its finding and its claims. */
  readonly checkId?: string;
  readonly finding?: string;
  readonly claims?: readonly ClaimId[];
  /** The resource, when the finding is about one. */
  readonly constructPath?: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  /** The stage the plugin judged: where a finding about no single resource belongs. */
  readonly scope: string;
  /** Set by the gate for findings CDK does not let anyone acknowledge (the missing policy engine). */
  readonly unacknowledgeable?: boolean;
}

// Findings of every stage of one app, gathered while CDK runs the plugins; the summary plugin (registered on the
// app, so run after every stage's) takes them.
const byApp = new WeakMap<IConstruct, GateFinding[]>();

/** Records findings of one plugin run, for the summary of the app `appConstruct`. */
export function recordGateFindings(appConstruct: IConstruct, findings: readonly GateFinding[]): void {
  byApp.set(appConstruct, [...(byApp.get(appConstruct) ?? []), ...findings]);
}

/** The findings recorded for the app since the last call, or undefined when no gate plugin ran. */
export function takeGateFindings(appConstruct: IConstruct): GateFinding[] | undefined {
  const findings = byApp.get(appConstruct);
  byApp.delete(appConstruct);
  return findings;
}
