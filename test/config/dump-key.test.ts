import { generateKey } from 'openpgp';
import { PlatformConfigError } from '../../lib/core/errors';
import { checkPlatformConfig } from '../../lib/config/load-config';
import { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig, REFERENCE_DUMP_PUBLIC_KEY } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { TEST_NOW } from '../support/reference-constants';

const DAY_SECONDS = 24 * 3600;
const withKey = (gpgPublicKey: string): PlatformConfig => referencePlatformConfig({ dump: { gpgPublicKey } }, TEST_NOW);

async function keyPair(options: { keyExpirationTime?: number; encryptionSubkey?: boolean } = {}) {
  return generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'dump test', email: 'dumps@example.com' }],
    date: new Date(TEST_NOW.getTime() - 60_000),
    keyExpirationTime: options.keyExpirationTime,
    subkeys: options.encryptionSubkey === false ? [{ sign: true }] : [{}],
    format: 'armored',
  });
}

async function problemOf(config: PlatformConfig): Promise<string> {
  try {
    await checkPlatformConfig(config, TEST_NOW);
  } catch (e) {
    if (!(e instanceof PlatformConfigError)) throw e;
    const violation = e.violations.find((v) => v.setting === 'dump.gpgPublicKey');
    if (violation) return `${violation.problem}. Fix: ${violation.fix}`;
    throw e;
  }
  throw new Error('the dump key was accepted');
}

describe('dump key, read by openpgp', () => {
  test('accepts the reference key and exposes its fingerprint', async () => {
    // WHEN
    const resolved = await checkPlatformConfig(referencePlatformConfig({}, TEST_NOW), TEST_NOW);
    // THEN
    expect(resolved.dumpKey.fingerprint).toBe('e178b74e5816733c6696589d1225bc752b9dc9da');
    expect(resolved.dumpKey.encryptionKeyFingerprint).toBe('cb6ecd04dbb324a2ee761fe30a4a405c931f3120');
    expect(resolved.dumpKey.encryptionKeyExpires).toBe('never');
  });

  test('accepts a fresh public key with an encryption subkey valid for two years', async () => {
    const { publicKey } = await keyPair({ keyExpirationTime: 730 * DAY_SECONDS });
    await expect(checkPlatformConfig(withKey(publicKey), TEST_NOW)).resolves.toBeDefined();
  });

  test('fails when the armored block is not a key', async () => {
    const garbage = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n=AAAA\n-----END PGP PUBLIC KEY BLOCK-----';
    expect(await problemOf(withKey(garbage))).toMatch(/^is not an OpenPGP key that openpgp can read \(.+\)\. Fix: /);
  });

  test('fails when given the private key, even armored as a public block', async () => {
    // GIVEN the secret key, its armor header rewritten so that the text check alone would not see it
    const { privateKey } = await keyPair();
    const disguised = privateKey.replace(/PRIVATE KEY BLOCK/g, 'PUBLIC KEY BLOCK');
    // THEN: the plain private block is refused by its armor, the disguised one by openpgp
    expect(await problemOf(withKey(privateKey))).toContain('contains a PRIVATE key block');
    expect(await problemOf(withKey(disguised))).toContain('is a private key; the private half must never enter AWS');
  });

  test('fails when the key has no encryption subkey', async () => {
    const { publicKey } = await keyPair({ encryptionSubkey: false });
    expect(await problemOf(withKey(publicKey))).toContain('has no usable encryption subkey');
  });

  test('fails when the key expires within the next year, naming the date and the fix', async () => {
    // GIVEN a key that expires in 30 days
    const { publicKey } = await keyPair({ keyExpirationTime: 30 * DAY_SECONDS });
    // THEN
    const problem = await problemOf(withKey(publicKey));
    expect(problem).toMatch(/has an encryption key that stops being usable at \d{4}-\d{2}-\d{2}T.*within 366 days of/);
    expect(problem).toContain('gpg --quick-set-expire');
  });

  test('fails at synth too when the config was not checked first (openpgp run in a child process)', async () => {
    // GIVEN an expiring key that no async check has seen
    const { publicKey } = await keyPair({ keyExpirationTime: 10 * DAY_SECONDS });
    // WHEN / THEN: the synchronous resolver the stage uses reads it with openpgp all the same
    expect(() => resolvePlatformConfig(withKey(publicKey), TEST_NOW)).toThrow(
      /dump\.gpgPublicKey = "-----BEGIN PGP PUBLIC KEY BLOCK-----.*characters\)": has an encryption key that stops/,
    );
    expect(resolvePlatformConfig(withKey(REFERENCE_DUMP_PUBLIC_KEY), TEST_NOW).dumpKey.fingerprint).toBe(
      'e178b74e5816733c6696589d1225bc752b9dc9da',
    );
  });
});
