import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { generateKey } from 'openpgp';
import { ConfigViolation, PlatformConfigError } from '../../lib/core/errors';
import { checkPlatformConfig, loadPlatformConfigFile } from '../../lib/config/load-config';
import type { PlatformConfig } from '../../lib/config/platform-config';
import {
  fillIn,
  placeholderViolations,
  REFERENCE_CERTIFICATE_ARN,
  REFERENCE_DUMP_KEY_FINGERPRINT,
  REFERENCE_PLACEHOLDER_ACCOUNT,
} from '../../lib/config/placeholders';
import { REFERENCE_DUMP_PUBLIC_KEY, referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/reference-constants';

const reference = referencePlatformConfig({}, TEST_NOW);
const OWN_ACCOUNT = '444455556666';
let ownKey: string;

/** A config of a team's own, nothing of the reference's left in it. */
function own(): PlatformConfig {
  return {
    ...reference,
    account: OWN_ACCOUNT,
    domainName: 'app.acme-widgets.dev',
    certificateArn: `arn:aws:acm:eu-west-1:${OWN_ACCOUNT}:certificate/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
    alertEmails: ['security-alerts@acme-widgets.dev'],
    securityContact: {
      ...reference.securityContact,
      contacts: ['mailto:security@acme-widgets.dev'],
      policyUrl: 'https://acme-widgets.dev/security',
    },
    dump: { gpgPublicKey: ownKey },
  };
}

async function violationsOf(config: PlatformConfig): Promise<readonly ConfigViolation[]> {
  try {
    await checkPlatformConfig(config, TEST_NOW);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e.violations;
    throw e;
  }
  return [];
}

beforeAll(async () => {
  const { publicKey } = await generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'acme dumps', email: 'dumps@acme-widgets.dev' }],
    date: new Date(TEST_NOW.getTime() - 60_000),
    format: 'armored',
  });
  ownKey = publicKey;
});

describe('placeholders of the reference config', () => {
  test('the reference config, unchanged, synthesizes with them (its account is the placeholder account)', async () => {
    expect(reference.account).toBe(REFERENCE_PLACEHOLDER_ACCOUNT);
    expect(reference.certificateArn).toBe(REFERENCE_CERTIFICATE_ARN);
    expect(placeholderViolations(reference)).toEqual([]);
    const resolved = await checkPlatformConfig(reference, TEST_NOW);
    expect(resolved.dumpKey.fingerprint).toBe(REFERENCE_DUMP_KEY_FINGERPRINT);
  });

  test("a team's own config with none of them passes", async () => {
    expect(await violationsOf(own())).toEqual([]);
  });

  test('fails when a config names its own account but keeps the reference values, naming each with its fix', async () => {
    // GIVEN the reference with only the account changed
    const violations = await violationsOf({ ...reference, account: OWN_ACCOUNT });
    // THEN every placeholder, one line each, and no second error about the same setting
    expect(violations.map((v) => [v.setting, v.value])).toEqual([
      ['domainName', 'app.pocketcity.example'],
      ['certificateArn', REFERENCE_CERTIFICATE_ARN],
      ['alertEmails[0]', 'security@pocketcity.example'],
      ['securityContact.contacts[0]', 'mailto:security@pocketcity.example'],
      ['securityContact.contacts[1]', 'https://pocketcity.example/security/response'],
      ['securityContact.policyUrl', 'https://pocketcity.example/security/response'],
      ['dump.gpgPublicKey', expect.stringMatching(/^-----BEGIN PGP PUBLIC KEY BLOCK-----.*characters\)$/)],
    ]);
    const bySetting = Object.fromEntries(violations.map((v) => [v.setting, `${v.problem}. Fix: ${v.fix}`]));
    expect(bySetting.domainName).toBe(
      "names app.pocketcity.example, a domain reserved for examples (RFC 2606) that no one owns: a placeholder. Fix: replace it with your platform's public host name, the one the certificate is for",
    );
    expect(bySetting['alertEmails[0]']).toContain('Fix: replace it with a monitored address');
    expect(bySetting.certificateArn).toContain("is the reference config's placeholder certificate");
    expect(bySetting['dump.gpgPublicKey']).toContain("is the reference config's throwaway dump key");
    expect(bySetting['dump.gpgPublicKey']).toContain("'gpg --armor --export KEY-ID'");
  });

  const contact = (over: object) => ({ securityContact: { ...own().securityContact, ...over } });
  test.each([
    ['domainName', { domainName: 'platform.example.com' }],
    ['alertEmails[1]', { alertEmails: ['ops@acme-widgets.dev', 'ops@example.org'] }],
    ['securityContact.policyUrl', contact({ policyUrl: 'https://x.example.net/p' })],
    ['securityContact.contacts[0]', contact({ contacts: ['mailto:sec@corp.test'] })],
    ['certificateArn', { certificateArn: REFERENCE_CERTIFICATE_ARN }],
  ] as const)('fails on one placeholder left, %s, naming only it', async (setting, change) => {
    const config = { ...own(), ...change } as PlatformConfig;
    expect((await violationsOf(config)).map((v) => v.setting)).toEqual([setting]);
  });

  test('fails on the throwaway key however its armor is wrapped (known by its fingerprint)', async () => {
    const rewrapped = REFERENCE_DUMP_PUBLIC_KEY.replace(/\n/g, '\r\n');
    const [violation] = await violationsOf({ ...own(), dump: { gpgPublicKey: rewrapped } });
    expect(violation.setting).toBe('dump.gpgPublicKey');
    expect(violation.problem).toContain('its private half was discarded');
  });

  test('leaves a malformed account to its own error, without a chain of placeholder errors', async () => {
    const violations = await violationsOf({ ...reference, account: '12345' });
    expect(violations.map((v) => v.setting)).toContain('account');
    expect(violations.filter((v) => /placeholder|reserved for examples/.test(v.problem))).toEqual([]);
  });

  test('fails on a value secure-platform init wrote, even with the reference account', async () => {
    const violations = await violationsOf({ ...reference, domainName: fillIn('your host name') });
    expect(violations).toEqual([
      {
        setting: 'domainName',
        value: 'FILL IN: your host name',
        problem: 'is a placeholder that secure-platform init wrote',
        fix: 'replace it with your host name',
      },
    ]);
  });

  test('fails at synth when the app builds the stage from such a config object', () => {
    const app = new App();
    const config: PlatformConfig = { ...own(), alertEmails: ['security@example.com'] };
    expect(() => new PlatformStage(app, 'prod', { config, now: TEST_NOW })).toThrow(
      /alertEmails\[0\] = "security@example\.com": names example\.com, a domain reserved for examples/,
    );
  });
});

describe('placeholders in a config file merged over the reference', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'placeholders-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('fails naming, with the file, each placeholder the file left to the reference', async () => {
    // GIVEN a file that sets its account, certificate and domain only (the first hour's config)
    const file = path.join(dir, 'mine.json');
    const { account, certificateArn, domainName } = own();
    fs.writeFileSync(file, JSON.stringify({ account, certificateArn, domainName }));
    // WHEN
    const error = await loadPlatformConfigFile(file, reference, TEST_NOW).then(
      () => undefined,
      (e: unknown) => e,
    );
    // THEN
    expect(error).toBeInstanceOf(PlatformConfigError);
    const { message, violations } = error as PlatformConfigError;
    expect(message).toContain(`Invalid platform config in ${file} for environment 'prod' (5 problems)`);
    expect(violations.map((v) => v.setting)).toEqual([
      'alertEmails[0]',
      'securityContact.contacts[0]',
      'securityContact.contacts[1]',
      'securityContact.policyUrl',
      'dump.gpgPublicKey',
    ]);
  });

  test('passes when the file replaces every placeholder', async () => {
    const file = path.join(dir, 'complete.json');
    const { securityContact, ...rest } = own();
    fs.writeFileSync(file, JSON.stringify({ ...rest, securityContact: { ...securityContact, expires: undefined } }));
    await expect(loadPlatformConfigFile(file, reference, TEST_NOW)).resolves.toMatchObject({ account: OWN_ACCOUNT });
  });
});
