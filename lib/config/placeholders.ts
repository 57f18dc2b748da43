import type { ConfigViolation } from '../core/errors';
import type { PlatformConfig } from './platform-config';
import { REFERENCE_DUMP_PUBLIC_KEY } from './reference-config';

/** The reference config's account (AWS's documentation example): only a config for it may keep placeholders. */
export const REFERENCE_PLACEHOLDER_ACCOUNT = '123456789012';
/** The reference config's certificate, which no one can hold. */
export const REFERENCE_CERTIFICATE_ARN =
  'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-4000-8000-000000000000';
/** Fingerprint of REFERENCE_DUMP_PUBLIC_KEY (its private half was discarded), to know it however it is wrapped. */
export const REFERENCE_DUMP_KEY_FINGERPRINT = 'e178b74e5816733c6696589d1225bc752b9dc9da';

/** How `secure-platform init` marks a value the user must fill: `FILL IN: <what to put there>`. */
export const FILL_IN = 'FILL IN:';
export const fillIn = (what: string): string => `${FILL_IN} ${what}`;

/**
 * Host names reserved for examples and tests (RFC 2606, RFC 6761): no one owns them, so an address or page there
 * reaches no one.
 */
const RESERVED_HOST = /(^|\.)(example\.(com|net|org)|[a-z0-9-]+\.(example|test|invalid|localhost))$/;

/** What to put instead of an example host, by setting (list items share their list's fix). */
const OWN_VALUE: Readonly<Record<string, string>> = {
  domainName: "your platform's public host name, the one the certificate is for",
  alertEmails: "a monitored address of your team's, which hears of a breach (MONITOR-3)",
  'securityContact.contacts': "your security team's mailto: address or https: page (RFC 9116 Contact)",
  'securityContact.policyUrl': 'the https URL of your published security response page',
};

/**
 * The placeholders a config keeps: every `FILL IN:` value `secure-platform init` wrote, always; and, when the config
 * names an account other than the reference's, every placeholder of the reference config (example domains and
 * addresses, the reference certificate, the throwaway dump key), whether the app wrote them or a config file left
 * them from the reference it was merged over. Only the reference account may synthesize with them: a config for a
 * real account would certify claims with alerts to no one and dumps no one can read.
 * @param dumpKeyFingerprint what openpgp read from `dump.gpgPublicKey`, to know the reference key in another armor
 */
export function placeholderViolations(config: PlatformConfig, dumpKeyFingerprint?: string): ConfigViolation[] {
  const strings = stringsOf(config, '');
  const violations: ConfigViolation[] = strings
    .filter(([, value]) => value.trim().startsWith(FILL_IN))
    .map(([setting, value]) => ({
      setting,
      value,
      problem: 'is a placeholder that secure-platform init wrote',
      fix: `replace it with ${value.trim().slice(FILL_IN.length).trim()}`,
    }));
  if (!namesOwnAccount(config.account)) return violations;

  const filled = new Set(violations.map((v) => v.setting));
  for (const [setting, value] of strings) {
    if (filled.has(setting)) continue;
    const problem = referencePlaceholder(setting, value, dumpKeyFingerprint);
    if (problem) violations.push({ setting, value, ...problem });
  }
  return violations;
}

/**
 * Whether a rule's violation on `setting` only repeats a placeholder already named (the init's text is no account
 * id, the reference certificate belongs to the reference account): the placeholder's fix is the one to follow.
 */
export function repeatsPlaceholder(setting: string, placeholders: readonly ConfigViolation[]): boolean {
  return placeholders.some((p) => p.setting === setting || p.setting.startsWith(`${setting}[`));
}

/** A 12-digit account that is not the reference's, or the init's placeholder for one; a typo is its own error. */
function namesOwnAccount(account: unknown): boolean {
  if (typeof account !== 'string') return false;
  if (account.trim().startsWith(FILL_IN)) return true;
  return /^\d{12}$/.test(account) && account !== REFERENCE_PLACEHOLDER_ACCOUNT;
}

function referencePlaceholder(
  setting: string,
  value: string,
  dumpKeyFingerprint: string | undefined,
): { problem: string; fix: string } | undefined {
  if (setting === 'dump.gpgPublicKey') {
    const same = normalized(value) === normalized(REFERENCE_DUMP_PUBLIC_KEY);
    if (!same && dumpKeyFingerprint !== REFERENCE_DUMP_KEY_FINGERPRINT) return undefined;
    return {
      problem:
        "is the reference config's throwaway dump key: its private half was discarded, so no one could ever read the dumps (REST-3)",
      fix: "give the public key of whoever may read the database dumps ('gpg --armor --export KEY-ID'), with an encryption subkey valid for at least a year",
    };
  }
  if (value === REFERENCE_CERTIFICATE_ARN) {
    return {
      problem: "is the reference config's placeholder certificate, which no account holds",
      fix: 'issue or import a certificate for domainName in ACM of your primary region and account, and give its ARN',
    };
  }
  const host = (value.toLowerCase().match(/[a-z0-9-]+(\.[a-z0-9-]+)+/g) ?? []).find((h) => RESERVED_HOST.test(h));
  if (!host) return undefined;
  return {
    problem: `names ${host}, a domain reserved for examples (RFC 2606) that no one owns: a placeholder`,
    fix: `replace it with ${OWN_VALUE[setting.replace(/\[\d+\]$/, '')] ?? 'a value on a domain of your own'}`,
  };
}

/** Every string in the config with its setting path (`alertEmails[0]`, `securityContact.policyUrl`). */
function stringsOf(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsOf(item, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => stringsOf(item, at ? `${at}.${key}` : key));
}

const normalized = (key: string): string => key.replace(/\s+/g, '');
