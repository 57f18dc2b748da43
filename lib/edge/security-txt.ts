import { IConstruct } from 'constructs';
import { PlatformConstructError } from '../core/errors';

/** The fields of a security.txt file (RFC 9116). */
export interface SecurityTxtFields {
  /** `Contact:` URIs, `mailto:` or `https:`; at least one. */
  readonly contacts: readonly string[];
  /** `Expires:` date-time, ISO 8601, as configured. */
  readonly expires: string;
  /** `Policy:` URL of the disclosure policy. */
  readonly policyUrl: string;
  /** `Preferred-Languages:` tags. @default ['en'] */
  readonly preferredLanguages?: readonly string[];
  /** `Canonical:` URL the file is served at, `https://<domain>/.well-known/security.txt`. */
  readonly canonicalUrl: string;
}

/** A fixed response of an ALB carries at most 1024 characters. */
export const FIXED_RESPONSE_MAX_LENGTH = 1024;

/**
 * Renders the file; throws naming the field when a value is not what RFC 9116 asks for.
 * @param scope the construct serving the file, named in the error
 */
export function renderSecurityTxt(fields: SecurityTxtFields, scope?: IConstruct): string {
  if (fields.contacts.length === 0) {
    throw new PlatformConstructError({
      code: 'SecurityTxt.contacts',
      scope,
      setting: 'securityTxt.contacts',
      value: fields.contacts,
      problem: 'RFC 9116 requires at least one Contact',
      fix: "add 'mailto:security@example.com'",
    });
  }
  if (Number.isNaN(Date.parse(fields.expires)) || !/^\d{4}-\d{2}-\d{2}T/.test(fields.expires)) {
    throw new PlatformConstructError({
      code: 'SecurityTxt.expires',
      scope,
      setting: 'securityTxt.expires',
      value: fields.expires,
      problem: 'not an ISO 8601 date-time',
      fix: "give a date such as '2027-06-30T00:00:00Z'",
    });
  }
  if (!fields.canonicalUrl.startsWith('https://')) {
    throw new PlatformConstructError({
      code: 'SecurityTxt.canonicalUrl',
      scope,
      setting: 'securityTxt.canonicalUrl',
      value: fields.canonicalUrl,
      problem: 'must be an https URL (RFC 9116 section 2.5.2)',
      fix: "give 'https://<domain>/.well-known/security.txt'",
    });
  }
  const lines = [
    ...fields.contacts.map((c) => `Contact: ${c}`),
    `Expires: ${fields.expires}`,
    `Policy: ${fields.policyUrl}`,
    `Preferred-Languages: ${(fields.preferredLanguages ?? ['en']).join(', ')}`,
    `Canonical: ${fields.canonicalUrl}`,
  ];
  const body = lines.join('\n') + '\n';
  if (body.length > FIXED_RESPONSE_MAX_LENGTH) {
    throw new PlatformConstructError({
      code: 'SecurityTxt.length',
      scope,
      setting: 'securityTxt',
      problem: `renders ${body.length} characters; the load balancer answers at most ${FIXED_RESPONSE_MAX_LENGTH}`,
      fix: 'list fewer or shorter contacts',
    });
  }
  return body;
}
