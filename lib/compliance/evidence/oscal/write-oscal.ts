import * as fs from 'fs';
import * as path from 'path';
import type { EvidenceReport } from '../evidence-model';
import { assessmentResults } from './assessment-results';
import { componentDefinition } from './component-definition';

export const COMPONENT_DEFINITION_FILE = 'component-definition.oscal.json';
export const ASSESSMENT_RESULTS_FILE = 'assessment-results.oscal.json';

/** Writes the OSCAL component definition and assessment results into the evidence folder; returns their paths. */
export function writeOscal(dir: string, report: EvidenceReport): string[] {
  const files: [string, object][] = [
    [COMPONENT_DEFINITION_FILE, componentDefinition(report)],
    [ASSESSMENT_RESULTS_FILE, assessmentResults(report)],
  ];
  return files.map(([name, document]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
    return file;
  });
}
