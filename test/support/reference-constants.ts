import * as path from 'path';

/**
 * The moment config dates are judged against. It is the real now, because the RESPONSE-1 rule judges security.txt
 * expiry against the real clock too; tests that need a date far from now compute it from here.
 */
export const TEST_NOW = new Date();
export const REFERENCE_ENVIRONMENT = 'ref';
/**
 * Where the global setup writes the shared reference assembly (git-ignored). JEST_REFERENCE_ROOT gives another folder,
 * so that two jest runs in one checkout do not write over each other's.
 */
export const REFERENCE_ASSEMBLY_ROOT = process.env.JEST_REFERENCE_ROOT
  ? path.resolve(process.env.JEST_REFERENCE_ROOT)
  : path.join(__dirname, '../../.jest-cache/reference');
export const REFERENCE_ASSEMBLY_DIR = path.join(REFERENCE_ASSEMBLY_ROOT, `assembly-${REFERENCE_ENVIRONMENT}`);

/**
 * The second shared platform: the reference with every explicit opt-out taken (one NAT gateway, two tasks, threat
 * detection left to the organisation or the account's own), for the tests of what opting out weakens.
 */
export const OPTED_OUT_ENVIRONMENT = 'optout';
export const OPTED_OUT_OVERRIDES = {
  service: { desiredCount: 2 },
  optOuts: { natGateways: 1, allowFewerThanThreeTasks: true },
  threatDetection: {
    guardDuty: 'organization',
    securityHub: 'organization',
    accessAnalyzer: 'existing',
    config: 'existing',
  },
} as const;
export const OPTED_OUT_ASSEMBLY_DIR = path.join(REFERENCE_ASSEMBLY_ROOT, `assembly-${OPTED_OUT_ENVIRONMENT}`);
/** CDK's validation report of both shared platforms: every pack's findings, acknowledged or not. */
export const SHARED_VALIDATION_REPORT = path.join(REFERENCE_ASSEMBLY_ROOT, 'validation-report.json');
