import * as path from 'path';

/**
 * The moment config dates are judged against. It is the real now, because the RESPONSE-1 rule judges security.txt
 * expiry against the real clock too; tests that need a date far from now compute it from here.
 */
export const TEST_NOW = new Date();
export const REFERENCE_ENVIRONMENT = 'ref';
/** Where the global setup writes the shared reference assembly (git-ignored). */
export const REFERENCE_ASSEMBLY_ROOT = path.join(__dirname, '../../.jest-cache/reference');
export const REFERENCE_ASSEMBLY_DIR = path.join(REFERENCE_ASSEMBLY_ROOT, `assembly-${REFERENCE_ENVIRONMENT}`);
