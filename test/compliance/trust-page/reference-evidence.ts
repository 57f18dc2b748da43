import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from '../../../lib/compliance/evidence/evidence-model';
import { REFERENCE_ASSEMBLY_ROOT } from '../../support/reference-constants';

/** The reference platform's evidence, as the global setup collected it (see test/support/reference-judgement.ts). */
export function referenceEvidence(): EvidenceReport {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_ASSEMBLY_ROOT, 'evidence.json'), 'utf8')) as EvidenceReport;
}

/**
 * Every name of the reference an outsider should not learn from the public page: the account, stack names, logical
 * ids, and the physical names (buckets, keys, roles) found in the evidence's property values and flow requests.
 */
export function internalNames(report: EvidenceReport): string[] {
  const names = new Set<string>();
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];
  for (const env of report.environments) {
    if (env.account) names.add(env.account);
    for (const s of env.stacks) names.add(s.stackName);
    for (const c of env.claims) {
      for (const r of c.resources) {
        names.add(r.logicalId);
        if (r.name) names.add(r.name);
        // Physical names look like `pocketcity-ref-uploads-eu-west-1`: lower case with dashes or dots.
        for (const v of strings(r.properties)) if (/^[a-z0-9][a-z0-9.-]{7,}$/.test(v) && /[-.]/.test(v)) names.add(v);
      }
      for (const f of c.flows) for (const q of f.requests) names.add(q.resourceArn);
    }
  }
  return [...names].filter((n) => n.length >= 6);
}
