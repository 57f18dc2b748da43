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

/** Renders the file; throws naming the field when a value is not what RFC 9116 asks for. */
export function renderSecurityTxt(fields: SecurityTxtFields): string {
  if (fields.contacts.length === 0) {
    throw new Error(
      "security.txt contacts = []: RFC 9116 requires at least one Contact. Fix: add 'mailto:security@example.com'.",
    );
  }
  if (Number.isNaN(Date.parse(fields.expires)) || !/^\d{4}-\d{2}-\d{2}T/.test(fields.expires)) {
    throw new Error(
      `security.txt expires = '${fields.expires}': not an ISO 8601 date-time. Fix: give a date such as '2027-06-30T00:00:00Z'.`,
    );
  }
  if (!fields.canonicalUrl.startsWith('https://')) {
    throw new Error(
      `security.txt canonicalUrl = '${fields.canonicalUrl}': must be an https URL (RFC 9116 section 2.5.2).`,
    );
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
    throw new Error(
      `security.txt is ${body.length} characters; the load balancer answers at most ${FIXED_RESPONSE_MAX_LENGTH}. Fix: list fewer or shorter contacts.`,
    );
  }
  return body;
}
