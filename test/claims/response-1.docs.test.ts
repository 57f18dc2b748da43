import * as fs from 'fs';
import * as path from 'path';
import { claimById } from '../../lib/core/claims/register';
import { referenceClaimEvidence } from '../support/claims-support';

const page = fs.readFileSync(path.join(__dirname, '../../docs/security-response.md'), 'utf8');

describe('RESPONSE-1: the security response page (docs part)', () => {
  test('the claims register lists docs/security-response.md as a document of RESPONSE-1', () => {
    expect(claimById('RESPONSE-1').documents).toEqual(['docs/security-response.md']);
  });

  test('the evidence finds the page', () => {
    expect(referenceClaimEvidence('RESPONSE-1').documents).toEqual([
      {
        path: 'docs/security-response.md',
        source: 'package default',
        location: '@pocketcity/secure-platform/docs/security-response.md',
        present: true,
      },
    ]);
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
