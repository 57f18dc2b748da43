import * as path from 'path';

/** A fixed moment, so date rules (security.txt expiry) judge every test run alike. */
export const TEST_NOW = new Date('2026-11-24T12:00:00Z');
export const REFERENCE_ENVIRONMENT = 'ref';
/** Where the global setup writes the shared reference assembly (git-ignored). */
export const REFERENCE_ASSEMBLY_ROOT = path.join(__dirname, '../../.jest-cache/reference');
export const REFERENCE_ASSEMBLY_DIR = path.join(REFERENCE_ASSEMBLY_ROOT, `assembly-${REFERENCE_ENVIRONMENT}`);
