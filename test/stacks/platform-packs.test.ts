import { Validations } from 'aws-cdk-lib';
import { parseAcknowledgmentReason } from '../../lib/compliance/acknowledge';
import { ALL_STOCK_PACKS } from '../../lib/compliance/packs/stock-packs';
import { unacknowledgedFindings } from '../support/pack-findings';
import { PlatformFixture, synthPlatform } from '../support/platform-fixture';

describe('the reference platform under every pack', () => {
  let fixture: PlatformFixture;
  beforeAll(() => {
    fixture = synthPlatform();
  });

  test('has no unacknowledged finding of the claims pack or any of the four stock packs, in any stack', () => {
    expect(unacknowledgedFindings(fixture.stage)).toEqual([]);
  });

  test('gives every acknowledgment of a pack finding a claim and a specific reason', () => {
    // aws-cdk-lib acknowledges some of its own CloudFormation-Validate findings; ours are the cdk-nag packs'.
    const packs = ['Claims', ...ALL_STOCK_PACKS];
    const acknowledgments = fixture.stage.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .filter(([id]) => packs.includes(id.replace(/^annotation::/i, '').split('::')[0]));
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgments) {
      const parsed = parseAcknowledgmentReason(reason);
      expect([id, parsed.claim]).toEqual([id, expect.stringMatching(/^[A-Z]+-\d$/)]);
      expect(parsed.text.length).toBeGreaterThanOrEqual(40);
    }
  });
});
