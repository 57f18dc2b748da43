/** RESPONSE-1's requirements. */

/** The path RFC 9116 section 3 fixes for security.txt. */
export const SECURITY_TXT_PATH = '/.well-known/security.txt';
