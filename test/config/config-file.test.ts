import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlatformConfigError } from '../../lib/core/errors';
import { loadPlatformConfigFile } from '../../lib/config/load-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { TEST_NOW } from '../support/reference-constants';

const reference = referencePlatformConfig({}, TEST_NOW);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-file-'));

function fileWith(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function errorOf(file: string): Promise<PlatformConfigError> {
  try {
    await loadPlatformConfigFile(file, reference, TEST_NOW);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e;
    throw e;
  }
  throw new Error('config file was accepted');
}

describe('config file, deep-merged over the reference', () => {
  test('merges a partial securityContact key by key, keeping the reference contacts', async () => {
    // GIVEN a file that changes only the policy URL
    const file = fileWith('partial.json', JSON.stringify({ securityContact: { policyUrl: 'https://x.example/p' } }));
    // WHEN
    const config = await loadPlatformConfigFile(file, reference, TEST_NOW);
    // THEN
    expect(config.securityContact.policyUrl).toBe('https://x.example/p');
    expect(config.securityContact.contacts).toEqual(reference.securityContact.contacts);
    expect(config.securityContact.expires).toBe(reference.securityContact.expires);
  });

  test('replaces a list whole instead of adding to it', async () => {
    const file = fileWith('emails.json', JSON.stringify({ alertEmails: ['ops@x.example'] }));
    expect((await loadPlatformConfigFile(file, reference, TEST_NOW)).alertEmails).toEqual(['ops@x.example']);
  });

  test('fails on an unknown key (the typo alertEmail), naming the file and the key it resembles', async () => {
    // GIVEN
    const file = fileWith('typo.json', JSON.stringify({ alertEmail: ['ops@x.example'] }));
    // WHEN
    const error = await errorOf(file);
    // THEN
    expect(error.message).toContain(`Invalid platform config in ${file} for environment 'prod' (1 problem)`);
    expect(error.message).toContain(
      `alertEmail = ["ops@x.example"]: is not a setting of the platform config. Fix: rename it to 'alertEmails'`,
    );
  });

  test('fails on an unknown nested key, with its path', async () => {
    const file = fileWith('nested.json', JSON.stringify({ database: { reader: 3 } }));
    expect((await errorOf(file)).message).toContain(
      "database.reader = 3: is not a setting of database. Fix: rename it to 'readers'",
    );
  });

  test('fails on a string where a number belongs as a type error, not as out of range', async () => {
    // GIVEN
    const file = fileWith('string.json', JSON.stringify({ database: { readers: '3' } }));
    // WHEN
    const error = await errorOf(file);
    // THEN: one violation, the type error, and no echo of the range rule
    expect(error.violations).toEqual([
      {
        setting: 'database.readers',
        value: '3',
        problem: 'is a string, not a number',
        fix: 'write a number without quotes',
      },
    ]);
  });

  test('fails on malformed JSON naming the file, line and column, without a raw SyntaxError', async () => {
    // GIVEN a missing quote on line 2
    const file = fileWith('broken.json', '{\n  "alertEmails": [ops@x.example"]\n}\n');
    // WHEN
    const error = await errorOf(file);
    // THEN
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error.message).toContain(`Invalid platform config file ${file} (1 problem)`);
    expect(error.message).toMatch(/configFile = ".*broken\.json": is not valid JSON: .* at line 2, column 19/);
  });

  test('fails on a file that is missing, or not a JSON object', async () => {
    expect((await errorOf(path.join(dir, 'absent.json'))).message).toContain('cannot be read (ENOENT)');
    expect((await errorOf(fileWith('list.json', '[]'))).message).toContain('does not hold a JSON object');
  });
});

describe('regions and zones, checked against the table of AWS regions', () => {
  const violationsOf = (overrides: object) => {
    try {
      resolvePlatformConfig({ ...reference, ...overrides }, TEST_NOW);
    } catch (e) {
      if (e instanceof PlatformConfigError) return e.violations;
      throw e;
    }
    return [];
  };

  test('fails on a zone the region does not have, suggesting only zones it has', () => {
    // GIVEN eu-west-1d, which does not exist
    const [violation] = violationsOf({
      primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1d'] },
    });
    // THEN
    expect(violation.setting).toBe('primaryRegion.availabilityZones');
    expect(violation.problem).toBe(
      'has eu-west-1d, which is not a zone of eu-west-1 (it has eu-west-1a, eu-west-1b, eu-west-1c)',
    );
    expect(violation.fix).toBe(
      'list three distinct zones of eu-west-1, for example eu-west-1a, eu-west-1b, eu-west-1c',
    );
  });

  test('never suggests the zones it rejected as outside the region', () => {
    // GIVEN two zones of another region
    const [violation] = violationsOf({
      primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-2b', 'eu-west-2c'] },
    });
    // THEN
    expect(violation.problem).toBe('has eu-west-2b, eu-west-2c outside region eu-west-1');
    expect(violation.fix).not.toContain('eu-west-2');
    expect(violation.fix).toBe(
      'list three distinct zones of eu-west-1, for example eu-west-1a, eu-west-1b, eu-west-1c',
    );
  });

  test('suggests the zones ca-central-1 has (a, b, d)', () => {
    const [violation] = violationsOf({
      recoveryRegion: {
        region: 'ca-central-1',
        availabilityZones: ['ca-central-1a', 'ca-central-1b', 'ca-central-1c'],
      },
      certificateArn: reference.certificateArn,
    });
    expect(violation.fix).toBe(
      'list three distinct zones of ca-central-1, for example ca-central-1a, ca-central-1b, ca-central-1d',
    );
  });

  test('fails on a region that does not exist, naming the escape for a newer one', () => {
    const [violation] = violationsOf({
      recoveryRegion: { region: 'eu-west-9', availabilityZones: ['eu-west-9a', 'eu-west-9b', 'eu-west-9c'] },
    });
    expect(violation.setting).toBe('recoveryRegion.region');
    expect(violation.problem).toContain('is not in the table of AWS regions');
    expect(violation.fix).toContain('set recoveryRegion.allowUnlistedRegion: true');
  });

  test('accepts a region newer than the table with the explicit escape, checking only the zones form', () => {
    const unlisted = { region: 'eu-west-9', availabilityZones: ['eu-west-9a', 'eu-west-9b', 'eu-west-9c'] };
    expect(violationsOf({ recoveryRegion: { ...unlisted, allowUnlistedRegion: true } })).toEqual([]);
    expect(
      violationsOf({
        recoveryRegion: {
          ...unlisted,
          availabilityZones: ['eu-west-9a', 'eu-west-9b', 'x'],
          allowUnlistedRegion: true,
        },
      }).map((v) => v.problem),
    ).toEqual(['has x outside region eu-west-9']);
  });
});
