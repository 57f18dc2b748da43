import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from '../evidence-model';
import { renderTrustPage, TRUST_PAGE_FILE } from '../trust-page/render-trust-page';
import { writeEvidenceManifest } from './evidence-manifest';

/**
 * Completes the evidence folder as a bundle: the public trust page beside the report, then the manifest of every file
 * (so it covers the page). Called last by `writeEvidence`, after every other file is written.
 */
export function completeEvidenceBundle(dir: string, report: EvidenceReport): void {
  fs.writeFileSync(path.join(dir, TRUST_PAGE_FILE), renderTrustPage(report));
  writeEvidenceManifest(dir, report);
}
