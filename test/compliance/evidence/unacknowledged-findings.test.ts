import type { EvidenceReport } from '../../../lib/compliance/evidence/evidence-model';
import { unacknowledgedFindingProblems } from '../../../lib/compliance/evidence/write-evidence';
import { CLAIMS_PLUGIN_NAME } from '../../../lib/compliance/gate/claims-plugin';
import { STRAY_STACKS_PLUGIN_NAME } from '../../../lib/compliance/gate/stray-stacks';

// The evidence names who found what the synth left open: a missing policy engine is the gate's finding, not a pack's.
function reportWith(packs: Record<string, number>): EvidenceReport {
  return {
    stockPacks: Object.entries(packs).map(([pack, n]) => ({
      pack,
      conclusion: n ? 'failure' : 'success',
      unacknowledgedViolations: n,
      acknowledgedFindings: 0,
    })),
  } as unknown as EvidenceReport;
}

describe('unacknowledged findings, by who found them', () => {
  test('the claims gate and stray stacks are counted as synth gate findings, pointing at their fixes', () => {
    expect(
      unacknowledgedFindingProblems(reportWith({ [CLAIMS_PLUGIN_NAME]: 2, [STRAY_STACKS_PLUGIN_NAME]: 1 })),
    ).toEqual(['3 unacknowledged synth gate finding(s), each with its fix in claims-findings.txt beside the assembly']);
  });

  test('stock packs are counted apart', () => {
    expect(unacknowledgedFindingProblems(reportWith({ 'AwsSolutions-scoped': 4, [CLAIMS_PLUGIN_NAME]: 1 }))).toEqual([
      '4 unacknowledged stock-pack violation(s)',
      '1 unacknowledged synth gate finding(s), each with its fix in claims-findings.txt beside the assembly',
    ]);
  });

  test('nothing open, nothing said', () => {
    expect(unacknowledgedFindingProblems(reportWith({ 'AwsSolutions-scoped': 0, [CLAIMS_PLUGIN_NAME]: 0 }))).toEqual(
      [],
    );
  });
});
