import * as fs from 'fs';
import * as path from 'path';
import { claimById } from '../../lib/core/claims/register';
import { referenceClaimEvidence } from '../support/claims-support';
import { REFERENCE_DOCUMENTS } from '../support/reference-judgement';

const page = fs.readFileSync(path.join(__dirname, '../../docs/security-response.md'), 'utf8');

describe('RESPONSE-1: the security response page (docs part)', () => {
  test('the claims register lists docs/security-response.md as a document of RESPONSE-1', () => {
    expect(claimById('RESPONSE-1').documents).toEqual(['docs/security-response.md']);
  });

  test('the evidence finds the page', () => {
    // The reference's documents are the repository's docs/ (PocketCITY's own), given as a consumer gives its own.
    const documents = referenceClaimEvidence('RESPONSE-1').documents;
    expect(documents).toEqual([
      expect.objectContaining({
        path: 'docs/security-response.md',
        source: 'given',
        location: path.join(REFERENCE_DOCUMENTS, 'security-response.md'),
        present: true,
      }),
    ]);
    expect(documents[0].sections?.filter((s) => s.problem)).toEqual([]);
  });

  test('says how to report securely, what happens next and how fast', () => {
    expect(page).toMatch(/^## How to report securely$/m);
    expect(page).toMatch(/^## What happens next$/m);
    expect(page).toMatch(/\| Acknowledgement \| within 1 business day \|/);
    expect(page).toMatch(/Encrypt/);
  });

  test('links the security.txt the load balancer answers and the incident runbook', () => {
    expect(page).toMatch(/\/\.well-known\/security\.txt/);
    expect(page).toMatch(/RFC 9116/);
    expect(page).toMatch(/\(runbooks\/breach-notification\.md\)/);
    expect(fs.existsSync(path.join(__dirname, '../../docs/runbooks/breach-notification.md'))).toBe(true);
  });
});
