import type { FrameworkMapping } from './framework';

/**
 * Claims -> PCI DSS v4.0.1 requirements, reviewed claim by claim; ids only. No account data is stored here
 * (BILLING-1): the ids name requirements whose mechanism a claim implements, for an assessor scoping the platform.
 */
export const PCI_DSS_MAPPING: FrameworkMapping = {
  'DATA-1': { ids: [], reason: 'availability is outside PCI DSS' },
  'DATA-2': { ids: [], reason: 'backups are outside PCI DSS except as incident recovery (12.10.1, organisational)' },
  'DATA-3': { ids: [], reason: 'availability is outside PCI DSS' },
  'DATA-4': { ids: [], reason: 'the upload store holds no account data' },
  'TRANSIT-1': { ids: ['4.2.1'], reason: 'strong cryptography (TLS 1.2+) over open, public networks' },
  'TRANSIT-2': {
    ids: ['1.3.1', '1.4.1', '1.4.2', '1.4.4'],
    reason: 'network security controls between trusted and untrusted networks; stores not reachable from outside',
  },
  'REST-1': { ids: ['3.5.1', '3.7.4'], reason: 'strong cryptography of stored data with key rotation' },
  'REST-2': { ids: ['3.5.1'], reason: 'strong cryptography of stored data' },
  'REST-3': { ids: ['3.5.1'], reason: 'strong cryptography of stored backups' },
  'HA-1': { ids: [], reason: 'availability is outside PCI DSS' },
  'BILLING-1': {
    ids: ['3.2.1', '7.2.5'],
    reason:
      'no account data stored (storage kept to none); payment keys readable by the one system role that needs them',
  },
  'MONITOR-1': { ids: ['10.2.1'], reason: 'audit logs enabled and active for API activity and data access' },
  'MONITOR-2': {
    ids: ['6.4.2', '10.4.1.1', '11.5.1'],
    reason: 'WAF before the public web application; automated log review (alarms); intrusion detection (GuardDuty)',
  },
  'MONITOR-3': {
    ids: ['12.10.1', '12.10.5'],
    reason: 'incident response plan that acts on security monitoring alerts',
  },
  'RESPONSE-1': { ids: [], reason: 'a reporting channel is not a PCI DSS requirement' },
  'ORG-1': { ids: [], reason: 'organisational' },
  'ORG-2': { ids: [], reason: 'organisational' },
};
