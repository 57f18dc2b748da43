import type { FrameworkMapping } from './framework';

/**
 * Claims -> NIST SP 800-53 rev 5 controls (labels of the catalog: `SC-28(1)`), reviewed claim by claim: a control is
 * listed only where the claim's mechanism, as the checks prove it, does what the control asks. Inherited facility
 * controls (PE) and people and process (PS, IR plans beyond the runbook) are left to their owners.
 */
export const NIST_800_53_MAPPING: FrameworkMapping = {
  'DATA-1': {
    ids: ['SC-36'],
    reason: 'storage replicated across three zones and instances in distinct zones: distributed storage and processing',
  },
  'DATA-2': { ids: ['CP-9'], reason: 'a daily AWS Backup rule over every stateful store, with retention minima' },
  'DATA-3': {
    ids: ['CP-6', 'CP-6(1)', 'CP-9'],
    reason:
      'recovery points copied to a vault in a second region and uploads replicated there: a separate storage site',
  },
  'DATA-4': {
    ids: ['AC-3', 'SC-7'],
    reason: 'public access blocked and ownership enforced on the bucket, reached privately through a gateway endpoint',
  },
  'TRANSIT-1': {
    ids: ['SC-8', 'SC-8(1)', 'SC-13'],
    reason: 'HTTPS only with a TLS 1.2+ policy, HSTS, TLS enforced by bucket policies and by the database',
  },
  'TRANSIT-2': {
    ids: ['SC-7', 'SC-7(5)', 'AC-4'],
    reason: 'public, private and isolated subnets with security groups chained on single ports, deny by default',
  },
  'REST-1': {
    ids: ['SC-28', 'SC-28(1)', 'SC-12'],
    reason: 'SSE-KMS under rotated customer managed keys in both regions',
  },
  'REST-2': { ids: ['SC-28', 'SC-28(1)'], reason: 'database storage encrypted under a customer managed key' },
  'REST-3': {
    ids: ['CP-9(8)', 'SC-12'],
    reason:
      'vaults encrypted under customer managed keys; dumps encrypted to a GPG key whose private half AWS never holds',
  },
  'HA-1': {
    ids: ['SC-36'],
    reason: 'every tier spread over three zones and proven to serve after losing a zone or two instances',
  },
  'BILLING-1': {
    ids: ['AC-3', 'AC-6', 'SC-28'],
    reason: 'Stripe keys encrypted under a customer managed key and readable only by the service role',
  },
  'MONITOR-1': {
    ids: ['AU-2', 'AU-9', 'AU-12'],
    reason: 'multi-region CloudTrail with data events, validated and encrypted, and pgaudit logs exported',
  },
  'MONITOR-2': {
    ids: ['SI-4', 'SC-7'],
    reason: 'GuardDuty, Security Hub and CIS alarms monitor the account; WAF managed rules guard the load balancer',
  },
  'MONITOR-3': {
    ids: ['IR-6', 'IR-6(1)', 'SI-4(5)', 'IR-8'],
    reason: 'high-severity findings reported automatically through EventBridge to an encrypted topic; a breach runbook',
  },
  'RESPONSE-1': {
    ids: ['RA-5(11)', 'IR-7'],
    reason: 'a public reporting channel (security.txt, RFC 9116) and a response page telling how to report',
  },
  'ORG-1': { ids: [], reason: 'organisational: personnel sanctions are an HR process, not infrastructure' },
  'ORG-2': { ids: [], reason: 'organisational: a statement of knowledge, not a control' },
};
