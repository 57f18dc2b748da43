import { PlatformConfigError } from '../../lib/core/errors';
import { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { TEST_NOW } from '../support/reference-constants';

// Mistakes of a first config, each reported once, with a fix that fits the mistake.
const reference = referencePlatformConfig({}, TEST_NOW);

function problems(config: unknown): { setting: string; problem: string; fix: string }[] {
  try {
    resolvePlatformConfig(config as PlatformConfig, TEST_NOW);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e.violations.map((v) => ({ ...v }));
    throw e;
  }
  return [];
}

describe('first-hour config messages', () => {
  test('a region typo suggests the region it resembles, and is not reported again through zones or the certificate', () => {
    const found = problems({ ...reference, primaryRegion: { ...reference.primaryRegion, region: 'eu-west-l' } });
    expect(found.map((p) => p.setting)).toEqual(['primaryRegion.region']);
    expect(found[0].fix).toMatch(/^did you mean 'eu-west-1'\?/);
  });

  test('a region nothing resembles lists the regions', () => {
    const found = problems({ ...reference, recoveryRegion: { ...reference.recoveryRegion, region: 'mars' } });
    expect(found.map((p) => p.setting)).toEqual(['recoveryRegion.region']);
    expect(found[0].fix).toMatch(/such as 'eu-central-1' \(listed: us-east-1/);
  });

  test('an account given as a number is one error, fixed by quoting it, not a contradiction with the certificate', () => {
    const found = problems({ ...reference, account: 123456789012 });
    expect(found).toEqual([
      {
        setting: 'account',
        value: 123456789012,
        problem: 'is a number, not a string',
        fix: 'write it in quotes: "123456789012" (as a number, an id loses its leading zeros)',
      },
    ]);
  });

  test('a wrong account still contradicts the certificate when both are well formed', () => {
    const certificateArn = 'arn:aws:acm:eu-west-1:111111111111:certificate/5f2a7c3e-1b4d-4e8f-9a6b-0c1d2e3f4a5b';
    const found = problems({ ...reference, account: '210987654321', certificateArn });
    expect(found.find((p) => p.setting === 'certificateArn')?.problem).toBe(
      'belongs to account 111111111111, not 210987654321',
    );
  });

  test('a date-only security.txt expiry is taken as the start of that day, UTC', () => {
    const resolved = resolvePlatformConfig(
      { ...reference, securityContact: { ...reference.securityContact, expires: '2027-03-01' } },
      TEST_NOW,
    );
    expect(resolved.securityContact.expires).toBe('2027-03-01T00:00:00Z');
  });

  test('an expiry that is not a date names both forms it accepts', () => {
    const found = problems({ ...reference, securityContact: { ...reference.securityContact, expires: 'next year' } });
    expect(found[0]).toMatchObject({
      setting: 'securityContact.expires',
      problem: 'is not an ISO 8601 date (2027-06-30) or date-time (2027-06-30T00:00:00Z)',
    });
  });
});
