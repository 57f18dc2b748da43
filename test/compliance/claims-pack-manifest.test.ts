import { ASSEMBLY_CHECKS } from '../../lib/compliance/assembly';
import { CLAIMS } from '../../lib/core/claims/register';
import { ClaimsAssemblyChecks } from '../../lib/compliance/packs/claims-assembly-checks';
import { ClaimsChecks } from '../../lib/compliance/packs/claims-checks';
import { CLAIM_RULES } from '../../lib/compliance/rules';

/**
 * Every rule and app-wide check of the claims pack, with the claims it proves. Adding, dropping or re-pointing a
 * check is a visible diff here, reviewed like any change to what the evidence says.
 */
const MANIFEST = {
  rules: [
    'Claims-TRANSIT1-ListenerHttpsOrRedirectOnly TRANSIT-1',
    'Claims-TRANSIT1-HttpsListenerSendsHsts TRANSIT-1',
    'Claims-TRANSIT1-BucketPolicyDeniesWeakTls TRANSIT-1',
    'Claims-TRANSIT2-VpcFlowLogsAllTraffic TRANSIT-2',
    'Claims-TRANSIT2-PublicIngressOnlyToLoadBalancer TRANSIT-2',
    'Claims-TRANSIT2-IsolatedSubnetNoInternetRoute TRANSIT-2',
    'Claims-HA1-ServiceRedundantDeployment HA-1',
    'Claims-MONITOR2-LoadBalancerWafManagedRules MONITOR-2',
    'Claims-RESPONSE1-SecurityTxtAnswered RESPONSE-1',
    'Claims-DATA1-AuroraWriterAndReadersInDistinctZones DATA-1,HA-1',
    'Claims-DATA1-NoSingleZoneStorageClass DATA-1',
    'Claims-DATA2-AuroraBackupRetentionAtLeastSevenDays DATA-2',
    'Claims-DATA2-BackupPlanHasDailyRule DATA-2',
    'Claims-DATA3-CustomerDataBucketReplicatesWithRtc DATA-3',
    'Claims-DATA4-CustomerDataBucketHardened DATA-4',
    'Claims-REST1-CustomerDataBucketCustomerManagedKey REST-1',
    'Claims-REST2-DatabaseStorageCustomerManagedKey REST-2',
    'Claims-REST3-BackupVaultCustomerManagedKey REST-3',
    'Claims-TRANSIT1-DatabaseForcesTls TRANSIT-1',
    'Claims-MONITOR1-TrailMultiRegionValidatedEncrypted MONITOR-1',
    'Claims-BILLING1-StripeSecretCustomerManagedKey BILLING-1',
    'Claims-BILLING1-NoStripeKeyInEnvironment BILLING-1',
    'Claims-BILLING1-NoCardDataStore BILLING-1',
  ],
  checks: [
    'ClaimsAssembly-HA1-TiersSpanThreeZones HA-1',
    'ClaimsAssembly-TRANSIT2-SecurityGroupChain TRANSIT-2',
    'ClaimsAssembly-TRANSIT2-DatabaseInIsolatedSubnets TRANSIT-2',
    'ClaimsAssembly-DATA2-StoresInDailyBackupSelection DATA-2',
    'ClaimsAssembly-DATA3-DailyCopiesLeaveRegion DATA-3',
    'ClaimsAssembly-DATA3-UploadsReplicatedToAnotherRegion DATA-3,REST-1',
    'ClaimsAssembly-DATA4-UploadsReachedThroughGatewayEndpoint DATA-4',
    'ClaimsAssembly-REST3-VaultsEncryptedInBothRegions REST-3',
    'ClaimsAssembly-REST3-GpgDumpScheduledDaily REST-3',
    'ClaimsAssembly-MONITOR1-DataEventsCoverCustomerData MONITOR-1',
    'ClaimsAssembly-MONITOR1-PgauditExported MONITOR-1',
    'ClaimsAssembly-MONITOR2-ThreatDetectionPresentOrDelegated MONITOR-2',
    'ClaimsAssembly-MONITOR2-CisAlarmsOnTrail MONITOR-2',
    'ClaimsAssembly-MONITOR3-HighSeverityFindingsAlerted MONITOR-3',
    'ClaimsAssembly-BILLING1-StripeSecretsReadOnlyByService BILLING-1',
    'ClaimsAssembly-BILLING1-ServiceEgressHttpsOnly BILLING-1',
    'ClaimsAssembly-HA1-RedundancyAnalysis HA-1',
    'ClaimsAssembly-REST3-RequiredFlowsAllowed REST-3',
    'ClaimsAssembly-HA1-RequiredFlowsAllowed HA-1',
    'ClaimsAssembly-BILLING1-RequiredFlowsAllowed BILLING-1',
    'ClaimsAssembly-DATA4-RequiredFlowsAllowed DATA-4',
    'ClaimsAssembly-REST1-RequiredFlowsAllowed REST-1',
    'ClaimsAssembly-DATA2-RequiredFlowsAllowed DATA-2',
    'ClaimsAssembly-DATA3-RequiredFlowsAllowed DATA-3',
    'ClaimsAssembly-MONITOR1-RequiredFlowsAllowed MONITOR-1',
    'ClaimsAssembly-TRANSIT2-RequiredFlowsAllowed TRANSIT-2',
    'ClaimsAssembly-MONITOR2-RequiredFlowsAllowed MONITOR-2',
    'ClaimsAssembly-MONITOR3-RequiredFlowsAllowed MONITOR-3',
    'ClaimsAssembly-BILLING1-ForbiddenFlowsDenied BILLING-1',
    'ClaimsAssembly-DATA3-ForbiddenFlowsDenied DATA-3',
    'ClaimsAssembly-REST3-ForbiddenFlowsDenied REST-3',
    'ClaimsAssembly-TRANSIT1-ForbiddenFlowsDenied TRANSIT-1',
    'ClaimsAssembly-DATA4-ForbiddenFlowsDenied DATA-4',
    'ClaimsAssembly-REST1-ForbiddenFlowsDenied REST-1',
    'ClaimsAssembly-REST2-ForbiddenFlowsDenied REST-2',
  ],
};

describe('claims pack manifest', () => {
  test('lists every rule and app-wide check with the claims it proves', () => {
    expect({
      rules: CLAIM_RULES.map((r) => `Claims-${r.id} ${r.claims.join(',')}`),
      checks: ASSEMBLY_CHECKS.map((c) => `ClaimsAssembly-${c.id} ${c.claims.join(',')}`),
    }).toEqual(MANIFEST);
  });

  test('gives the packs the same rule ids cdk-nag and CDK report', () => {
    expect(new ClaimsChecks().ruleIds).toEqual(MANIFEST.rules.map((r) => r.split(' ')[0]));
    expect(new ClaimsAssemblyChecks().ruleIds).toEqual(MANIFEST.checks.map((c) => c.split(' ')[0]));
  });

  test('names each rule after the first claim it proves', () => {
    for (const id of [...CLAIM_RULES, ...ASSEMBLY_CHECKS].map((r) => r.id))
      expect(id).toMatch(/^[A-Z]+\d-[A-Z][A-Za-z0-9]+$/);
    for (const r of [...CLAIM_RULES, ...ASSEMBLY_CHECKS]) expect(r.id.split('-')[0]).toBe(r.claims[0].replace('-', ''));
  });

  test('has at least one check for every infrastructure claim', () => {
    const checked = new Set([...CLAIM_RULES, ...ASSEMBLY_CHECKS].flatMap((r) => r.claims));
    expect(CLAIMS.filter((c) => c.kind === 'infrastructure' && !checked.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
