import type { FrameworkName } from './framework';

/**
 * Ids a check implements beyond its claims' (a check inherits every id of its claims): only where the check proves
 * something narrower that a control names on its own. Keyed by check id; a test keeps the keys to existing checks.
 */
export const CHECK_NARROWER_IDS: Readonly<Record<string, Partial<Record<FrameworkName, readonly string[]>>>> = {
  'TRANSIT2-VpcFlowLogsAllTraffic': {
    'NIST SP 800-53 rev5': ['AU-12'],
    'SOC 2 (2017 TSC, 2022 points of focus)': ['CC7.2'],
    'ISO/IEC 27001:2022 Annex A': ['A.8.15'],
  },
  'BILLING1-NoStripeKeyInEnvironment': { 'NIST SP 800-53 rev5': ['IA-5(7)'], 'PCI DSS v4.0.1': ['8.6.2'] },
  'BILLING1-ServiceEgressHttpsOnly': {
    'NIST SP 800-53 rev5': ['SC-7', 'SC-7(5)'],
    'ISO/IEC 27001:2022 Annex A': ['A.8.20'],
    'PCI DSS v4.0.1': ['1.3.2'],
  },
  'MONITOR1-TrailMultiRegionValidatedEncrypted': { 'NIST SP 800-53 rev5': ['AU-9(3)'] },
  'MONITOR1-TrailBucketObjectLocked': { 'PCI DSS v4.0.1': ['10.3.2'] },
  'MONITOR1-ServiceLogGroupsDeclared': { 'NIST SP 800-53 rev5': ['AU-11'] },
  'MONITOR2-ConfigRecordingInBothRegions': {
    'NIST SP 800-53 rev5': ['CA-7'],
    'ISO/IEC 27001:2022 Annex A': ['A.8.9'],
  },
  'MONITOR2-ConfigRulesWatchEveryClaim': { 'NIST SP 800-53 rev5': ['CA-7'] },
  'REST3-VaultsLockedAndGuarded': { 'NIST SP 800-53 rev5': ['CP-9'], 'ISO/IEC 27001:2022 Annex A': ['A.8.13'] },
  'REST3-GpgDumpScheduledDaily': { 'NIST SP 800-53 rev5': ['CP-9'], 'ISO/IEC 27001:2022 Annex A': ['A.8.13'] },
};
