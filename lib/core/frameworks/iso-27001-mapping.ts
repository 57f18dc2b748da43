import type { FrameworkMapping } from './framework';

/** Claims -> ISO/IEC 27001:2022 Annex A controls, reviewed claim by claim; ids only. */
export const ISO_27001_MAPPING: FrameworkMapping = {
  'DATA-1': { ids: ['A.8.14'], reason: 'redundant storage and instances across three zones' },
  'DATA-2': { ids: ['A.8.13'], reason: 'daily backups of every stateful store' },
  'DATA-3': { ids: ['A.8.13'], reason: 'backup copies kept in a second region' },
  'DATA-4': { ids: ['A.8.3'], reason: 'access to the upload store restricted: public access blocked, owner-enforced' },
  'TRANSIT-1': { ids: ['A.8.24'], reason: 'cryptography in transit: TLS 1.2+ everywhere data travels' },
  'TRANSIT-2': { ids: ['A.8.20', 'A.8.22'], reason: 'network security and segregation into public, private, isolated' },
  'REST-1': { ids: ['A.8.24'], reason: 'cryptography at rest under managed, rotated keys' },
  'REST-2': { ids: ['A.8.24'], reason: 'cryptography at rest under a customer managed key' },
  'REST-3': { ids: ['A.8.24'], reason: 'cryptography of backups: vault keys and GPG' },
  'HA-1': { ids: ['A.8.14'], reason: 'redundancy of information processing facilities across three zones' },
  'BILLING-1': {
    ids: ['A.5.17', 'A.8.3'],
    reason: 'payment keys are authentication information, readable by one role',
  },
  'MONITOR-1': { ids: ['A.8.15'], reason: 'logging of API activity and data access, protected' },
  'MONITOR-2': { ids: ['A.8.16'], reason: 'monitoring for anomalous behaviour: GuardDuty, Security Hub, alarms' },
  'MONITOR-3': { ids: ['A.5.24', 'A.6.8'], reason: 'incident management preparation and event reporting' },
  'RESPONSE-1': { ids: ['A.8.8'], reason: 'a public contact to report vulnerabilities' },
  'ORG-1': { ids: [], reason: 'organisational: the disciplinary process (A.6.4) is the company’s, not infrastructure' },
  'ORG-2': { ids: [], reason: 'organisational: a statement of knowledge, not a control' },
};
