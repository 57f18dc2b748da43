/** RESPONSE-1's requirements. */

/** The path RFC 9116 section 3 fixes for security.txt. */
export const SECURITY_TXT_PATH = '/.well-known/security.txt';

/** The `Expires:` value of a security.txt body, if it has one. */
export function securityTxtExpiry(body: string): string | undefined {
  return /^Expires:\s*(\S+)\s*$/m.exec(body)?.[1];
}
