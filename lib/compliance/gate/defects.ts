import type { ClaimId } from '../../core/claims/claim';
import { findingFix } from '../../core/findings/fixes';
import { SAME_DEFECTS, sameDefectOf } from '../../core/findings/same-defect';
import { ConstructLocator, SourceLocation } from './construct-locator';
import { GateFinding } from './gate-findings';

/** A finding with what the construct tree says of it: its resource type, and whether it is acknowledged. */
export interface LocatedFinding extends GateFinding {
  readonly resourceType?: string;
  /** The id CDK matches acknowledgments by: `<plugin>::<rule>`. */
  readonly acknowledgmentId: string;
  readonly acknowledged?: { readonly reason: string; readonly at: string };
}

/** One defect of one resource, however many packs flag it: one line of the summary, one SARIF result. */
export interface Defect {
  /** The construct path of the resource (its L2, without `/Resource`), or the stage for a finding about none. */
  readonly where: string;
  readonly constructPath?: string;
  readonly templatePath?: string;
  readonly logicalId?: string;
  readonly source?: SourceLocation;
  readonly claims: readonly ClaimId[];
  /** The claim an acknowledgment names, when one is clear. */
  readonly claim?: ClaimId;
  readonly what: string;
  readonly fix?: string;
  readonly findings: readonly LocatedFinding[];
  /** Every finding acknowledged: the defect no longer fails synth. */
  readonly acknowledged: boolean;
  /** CDK lets no one acknowledge it (fail closed). */
  readonly unacknowledgeable: boolean;
}

/** Groups findings into defects: the same resource and the same defect (core's SAME_DEFECTS), across packs. */
export function groupDefects(findings: readonly GateFinding[], locator: ConstructLocator): Defect[] {
  const groups = new Map<string, LocatedFinding[]>();
  for (const f of findings) {
    const constructPath =
      f.constructPath ??
      (f.templatePath && f.logicalId ? locator.constructPathOf(f.templatePath, f.logicalId) : undefined);
    const acknowledgmentId = `${f.pluginName.replace(/ /g, '-')}::${f.ruleName}`;
    const located: LocatedFinding = {
      ...f,
      constructPath,
      resourceType: constructPath ? locator.resourceTypeAt(constructPath) : undefined,
      acknowledgmentId,
      acknowledged: f.unacknowledgeable ? undefined : locator.acknowledgmentOf(acknowledgmentId, constructPath),
    };
    const defect = sameDefectOf(f.checkId ? { checkId: f.checkId, finding: f.finding } : f.ruleName);
    // The compliance packs name one rule alike (`NIST.800.53.R5-LambdaConcurrency`, `HIPAA.Security-...`): one defect.
    const what = defect
      ? `defect ${SAME_DEFECTS.indexOf(defect)}`
      : (f.checkId ?? f.ruleName.slice(f.ruleName.indexOf('-') + 1));
    // Findings about no resource are named once per app (the missing policy engine of every stage is one defect).
    const key = `${constructPath ?? (f.unacknowledgeable ? '' : f.scope)}|${what}`;
    groups.set(key, [...(groups.get(key) ?? []), located]);
  }
  // Resources in path order (a resource's defects together), then the findings about a whole stage.
  return [...groups.values()]
    .map((group) => toDefect(group, locator))
    .sort((a, b) => Number(!a.constructPath) - Number(!b.constructPath) || a.where.localeCompare(b.where));
}

function toDefect(group: LocatedFinding[], locator: ConstructLocator): Defect {
  const claimsFinding = group.find((f) => f.checkId);
  const first = claimsFinding ?? group[0];
  const same = sameDefectOf(first.checkId ? { checkId: first.checkId, finding: first.finding } : first.ruleName);
  const claims = [...new Set([...group.flatMap((f) => f.claims ?? []), ...(same ? [same.claim] : [])])];
  const constructPath = first.constructPath;
  return {
    where: constructPath
      ? constructPath.replace(/\/(Resource|Default)$/, '')
      : first.unacknowledgeable
        ? 'every stage'
        : first.scope,
    constructPath,
    templatePath: first.templatePath,
    logicalId: first.logicalId,
    source: constructPath ? locator.sourceOf(constructPath) : undefined,
    claims,
    claim: same?.claim ?? first.claims?.[0],
    what: claimsFinding ? claimsFinding.what : stockWhat(first.what),
    fix: group.find((f) => f.fix)?.fix ?? fixOf(group, same?.claimsFindings[0]),
    findings: group,
    acknowledged: group.every((f) => f.acknowledged),
    unacknowledgeable: group.some((f) => f.unacknowledgeable),
  };
}

/** The fix of the first claims finding that has one, else of the defect's first claims finding (stock-only). */
function fixOf(group: readonly LocatedFinding[], defectFinding: string | undefined): string | undefined {
  for (const f of group) {
    const fix = f.checkId ? findingFix(f.checkId, f.finding, f.resourceType) : undefined;
    if (fix) return fix;
  }
  if (!defectFinding) return undefined;
  const [, checkId, finding] = /^([^[]+)(?:\[(.+)\])?$/.exec(defectFinding) ?? [];
  return findingFix(checkId, finding, group[0].resourceType);
}

/** A stock pack's description without its list of control ids. */
function stockWhat(description: string): string {
  return description.replace(/\s+-\s+\(Control IDs?:.*$/s, '.');
}
