import * as fs from 'fs';
import * as path from 'path';
import { CLAIMS, claimById } from '../../lib/core/claims/register';

/** The claim IDs of DESIGN.md's register: the spec this library answers to. */
const DESIGN_CLAIM_IDS = [
  'DATA-1',
  'DATA-2',
  'DATA-3',
  'DATA-4',
  'TRANSIT-1',
  'TRANSIT-2',
  'REST-1',
  'REST-2',
  'REST-3',
  'HA-1',
  'BILLING-1',
  'MONITOR-1',
  'MONITOR-2',
  'MONITOR-3',
  'RESPONSE-1',
];

/** Markdown collapses line breaks and repeated blanks, so compare on single spaces. */
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const seedPage = normalise(fs.readFileSync(path.join(__dirname, '../../docs/security-overview.md'), 'utf8'));

describe('claims register', () => {
  test('registers every claim of DESIGN.md as an infrastructure claim', () => {
    const infrastructure = CLAIMS.filter((c) => c.kind === 'infrastructure').map((c) => c.id);
    expect(infrastructure.sort()).toEqual([...DESIGN_CLAIM_IDS].sort());
  });

  test('lists the organisational sentences instead of dropping them', () => {
    expect(CLAIMS.filter((c) => c.kind === 'organisational').map((c) => c.id)).toEqual(['ORG-1', 'ORG-2']);
  });

  test.each(CLAIMS.map((c) => [c.id, c.seedSentence]))('quotes the seed sentence of %s verbatim', (_id, sentence) => {
    expect(seedPage).toContain(normalise(sentence));
  });

  test('quotes inherited parts verbatim where they cite the page', () => {
    const billing = claimById('BILLING-1');
    expect(seedPage).toContain(billing.inheritedParts![0].split(':')[0]);
  });

  test('has unique ids', () => {
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
  });

  test('marks REST-2 as exceeding the page', () => {
    expect(claimById('REST-2').exceeds).toMatch(/encrypted at rest/);
  });

  test('fails when asked for an unknown claim', () => {
    expect(() => claimById('NOPE-1' as never)).toThrow("Unknown claim 'NOPE-1'");
  });
});
