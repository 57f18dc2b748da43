import type { FrameworkMapping } from './framework';

/** Claims -> SOC 2 (2017 Trust Services Criteria) criteria, reviewed claim by claim; ids only. */
export const SOC2_MAPPING: FrameworkMapping = {
  'DATA-1': { ids: ['A1.2'], reason: 'recovery infrastructure: storage replicated across three zones' },
  'DATA-2': { ids: ['A1.2'], reason: 'data backup processes: daily backups with retention' },
  'DATA-3': { ids: ['A1.2'], reason: 'data backup processes: copies held in a second region' },
  'DATA-4': { ids: ['CC6.1'], reason: 'logical access security over the upload store: private, owner-enforced' },
  'TRANSIT-1': { ids: ['CC6.7'], reason: 'transmission of data protected by encryption (TLS 1.2+)' },
  'TRANSIT-2': { ids: ['CC6.1', 'CC6.6'], reason: 'network segmentation and boundary protection from outside threats' },
  'REST-1': { ids: ['CC6.1'], reason: 'encryption protects data at rest (a CC6.1 point of focus)' },
  'REST-2': { ids: ['CC6.1'], reason: 'encryption protects data at rest (a CC6.1 point of focus)' },
  'REST-3': { ids: ['CC6.1'], reason: 'encryption protects backups at rest (a CC6.1 point of focus)' },
  'HA-1': { ids: ['A1.2'], reason: 'recovery infrastructure: every tier survives a zone or two instances' },
  'BILLING-1': { ids: ['CC6.1', 'CC6.3'], reason: 'access to payment keys restricted to the one role that needs it' },
  'MONITOR-1': { ids: ['CC7.2'], reason: 'system components monitored: API activity and data access recorded' },
  'MONITOR-2': {
    ids: ['CC6.6', 'CC7.1', 'CC7.2'],
    reason: 'WAF at the boundary; detection of misconfigurations (Security Hub) and anomalies (GuardDuty)',
  },
  'MONITOR-3': {
    ids: ['CC7.3', 'CC7.4'],
    reason: 'security events evaluated and routed to responders; incident runbook',
  },
  'RESPONSE-1': { ids: ['CC2.3'], reason: 'a channel for external parties to report security matters' },
  'ORG-1': { ids: [], reason: 'organisational: sanctions are an HR process, not infrastructure' },
  'ORG-2': { ids: [], reason: 'organisational: a statement of knowledge, not a control' },
};
