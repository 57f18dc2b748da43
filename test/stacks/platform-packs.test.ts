import { ALL_STOCK_PACKS } from '../../lib/compliance/gate/stock-packs';
import { referenceAcknowledgments } from '../support/reference-assembly';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

// GIVEN the reference platform, synthesized with every pack by the global setup
describe('the reference platform under every pack', () => {
  test('has no unacknowledged finding of the claims pack or any of the four stock packs, in any stack', () => {
    expect(unacknowledgedFindingsUnder('ref/')).toEqual([]);
  });

  test('gives every acknowledgment of a pack finding a claim and a specific reason', () => {
    // aws-cdk-lib acknowledges some of its own CloudFormation-Validate findings; ours are the cdk-nag packs'.
    const packs = ['Claims', ...ALL_STOCK_PACKS];
    const acknowledgments = referenceAcknowledgments().filter(({ id }) =>
      packs.includes(id.replace(/^annotation::/i, '').split('::')[0]),
    );
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const { id, reason, claim } of acknowledgments) {
      expect([id, claim]).toEqual([id, expect.stringMatching(/^[A-Z]+-\d$/)]);
      expect(reason.length).toBeGreaterThanOrEqual(40);
    }
  });
});
