import { CHECKS } from '../../lib/compliance/registry';
import { ClaimsPlugin } from '../../lib/compliance/gate/claims-plugin';
import { CLAIMS } from '../../lib/core/claims/register';

/**
 * Every claims check with the claims it proves, as the synth gate reports it. Adding, dropping or re-pointing a
 * check is a visible diff here, reviewed like any change to what the evidence says. (The ids are those of the
 * former claims pack and app-wide checks, kept so acknowledgments stay valid.)
 */
const MANIFEST = [
  'Claims-BILLING1-ForbiddenFlowsDenied BILLING-1',
  'Claims-BILLING1-ForbiddenNetworkPathsClosed BILLING-1',
  'Claims-BILLING1-NoCardDataStore BILLING-1',
  'Claims-BILLING1-NoStripeKeyInEnvironment BILLING-1',
  'Claims-BILLING1-RequiredFlowsAllowed BILLING-1',
  'Claims-BILLING1-ServiceEgressHttpsOnly BILLING-1',
  'Claims-BILLING1-StripeSecretCustomerManagedKey BILLING-1',
  'Claims-BILLING1-StripeSecretsReadOnlyByService BILLING-1',
  'Claims-DATA1-AuroraWriterAndReadersInDistinctZones DATA-1,HA-1',
  'Claims-DATA1-NoSingleZoneStorageClass DATA-1',
  'Claims-DATA2-AuroraBackupRetentionAtLeastSevenDays DATA-2',
  'Claims-DATA2-BackupPlanHasDailyRule DATA-2',
  'Claims-DATA2-ForbiddenDataPathsClosed DATA-2',
  'Claims-DATA2-RequiredDataPathsOpen DATA-2',
  'Claims-DATA2-RequiredEventPathsOpen DATA-2',
  'Claims-DATA2-RequiredFlowsAllowed DATA-2',
  'Claims-DATA2-RestoresTested DATA-2',
  'Claims-DATA2-StoresInDailyBackupSelection DATA-2',
  'Claims-DATA3-CustomerDataBucketReplicatesWithRtc DATA-3',
  'Claims-DATA3-DailyCopiesLeaveRegion DATA-3',
  'Claims-DATA3-ForbiddenDataPathsClosed DATA-3',
  'Claims-DATA3-ForbiddenFlowsDenied DATA-3',
  'Claims-DATA3-ReplicationFailuresAlarmed DATA-3',
  'Claims-DATA3-RequiredDataPathsOpen DATA-3',
  'Claims-DATA3-RequiredEventPathsOpen DATA-3',
  'Claims-DATA3-RequiredFlowsAllowed DATA-3',
  'Claims-DATA3-UploadsReplicatedToAnotherRegion DATA-3,REST-1',
  'Claims-DATA4-CustomerDataBucketHardened DATA-4',
  'Claims-DATA4-ForbiddenFlowsDenied DATA-4',
  'Claims-DATA4-RequiredDataPathsOpen DATA-4',
  'Claims-DATA4-RequiredFlowsAllowed DATA-4',
  'Claims-DATA4-RequiredNetworkPathsOpen DATA-4',
  'Claims-DATA4-UploadsReachedThroughGatewayEndpoint DATA-4',
  'Claims-HA1-ContainersWriteOnlyWhatTheyOwn HA-1,REST-3',
  'Claims-HA1-ImagePlatformPinned HA-1',
  'Claims-HA1-RedundancyAnalysis HA-1',
  'Claims-HA1-RequiredFlowsAllowed HA-1',
  'Claims-HA1-RequiredNetworkPathsOpen HA-1',
  'Claims-HA1-ServiceRedundantDeployment HA-1',
  'Claims-HA1-TiersSpanThreeZones HA-1',
  'Claims-MONITOR1-DataEventsCoverCustomerData MONITOR-1',
  'Claims-MONITOR1-DatabaseBootstrapBeforeService MONITOR-1',
  'Claims-MONITOR1-EveryDataStoreAccessLogged MONITOR-1',
  'Claims-MONITOR1-ForbiddenFlowsDenied MONITOR-1',
  'Claims-MONITOR1-ForbiddenLoginPathsClosed MONITOR-1',
  'Claims-MONITOR1-MasterSecretOnlyBootstrapAndDump MONITOR-1',
  'Claims-MONITOR1-NoManualSqlInRunbooks MONITOR-1',
  'Claims-MONITOR1-PgauditExported MONITOR-1',
  'Claims-MONITOR1-RequiredFlowsAllowed MONITOR-1',
  'Claims-MONITOR1-RequiredLoginPathsOpen MONITOR-1',
  'Claims-MONITOR1-RequiredNetworkPathsOpen MONITOR-1',
  'Claims-MONITOR1-ServiceLogGroupsDeclared MONITOR-1,REST-1',
  'Claims-MONITOR1-TrailBucketObjectLocked MONITOR-1',
  'Claims-MONITOR1-TrailMultiRegionValidatedEncrypted MONITOR-1',
  'Claims-MONITOR2-CisAlarmsOnTrail MONITOR-2',
  'Claims-MONITOR2-ConfigRecordingInBothRegions MONITOR-2',
  'Claims-MONITOR2-ConfigRulesWatchEveryClaim MONITOR-2,DATA-1,DATA-2,DATA-3,DATA-4,TRANSIT-1,TRANSIT-2,REST-1,REST-2,REST-3,HA-1,BILLING-1,MONITOR-1,MONITOR-3',
  'Claims-MONITOR2-LoadBalancerWafManagedRules MONITOR-2',
  'Claims-MONITOR2-RequiredEventPathsOpen MONITOR-2',
  'Claims-MONITOR2-RequiredFlowsAllowed MONITOR-2',
  'Claims-MONITOR2-RequiredHttpPathsOpen MONITOR-2',
  'Claims-MONITOR2-ThreatDetectionPresentOrDelegated MONITOR-2',
  'Claims-MONITOR3-ForbiddenFlowsDenied MONITOR-3',
  'Claims-MONITOR3-HighSeverityFindingsAlerted MONITOR-3',
  'Claims-MONITOR3-RecoveryRegionFindingsForwarded MONITOR-3',
  'Claims-MONITOR3-RequiredEventPathsOpen MONITOR-3',
  'Claims-MONITOR3-RequiredFlowsAllowed MONITOR-3',
  'Claims-RESPONSE1-RequiredEventPathsOpen RESPONSE-1',
  'Claims-RESPONSE1-RequiredHttpPathsOpen RESPONSE-1',
  'Claims-RESPONSE1-SecurityTxtAnswered RESPONSE-1',
  'Claims-RESPONSE1-SecurityTxtExpiryReminded RESPONSE-1',
  'Claims-REST1-CustomerDataBucketCustomerManagedKey REST-1',
  'Claims-REST1-EveryDataStoreEncryptedAtRest REST-1,REST-2',
  'Claims-REST1-ForbiddenFlowsDenied REST-1',
  'Claims-REST1-RequiredFlowsAllowed REST-1',
  'Claims-REST2-DatabaseStorageCustomerManagedKey REST-2',
  'Claims-REST2-ForbiddenFlowsDenied REST-2',
  'Claims-REST3-BackupVaultCustomerManagedKey REST-3',
  'Claims-REST3-DumpClientMatchesEngine REST-3',
  'Claims-REST3-DumpFailuresAlarmed REST-3',
  'Claims-REST3-ForbiddenEventPathsClosed REST-3',
  'Claims-REST3-ForbiddenFlowsDenied REST-3',
  'Claims-REST3-GpgDumpScheduledDaily REST-3',
  'Claims-REST3-RequiredDataPathsOpen REST-3',
  'Claims-REST3-RequiredEventPathsOpen REST-3',
  'Claims-REST3-RequiredFlowsAllowed REST-3',
  'Claims-REST3-RequiredLoginPathsOpen REST-3',
  'Claims-REST3-RequiredNetworkPathsOpen REST-3',
  'Claims-REST3-VaultsEncryptedInBothRegions REST-3',
  'Claims-REST3-VaultsLockedAndGuarded REST-3,DATA-2,DATA-3',
  'Claims-TRANSIT1-BucketPolicyDeniesWeakTls TRANSIT-1',
  'Claims-TRANSIT1-DatabaseForcesTls TRANSIT-1',
  'Claims-TRANSIT1-ForbiddenFlowsDenied TRANSIT-1',
  'Claims-TRANSIT1-ForbiddenHttpPathsClosed TRANSIT-1',
  'Claims-TRANSIT1-HttpsListenerSendsHsts TRANSIT-1',
  'Claims-TRANSIT1-ListenerHttpsOrRedirectOnly TRANSIT-1',
  'Claims-TRANSIT1-MessagesRefusePlaintext TRANSIT-1',
  'Claims-TRANSIT1-RequiredHttpPathsOpen TRANSIT-1',
  'Claims-TRANSIT2-DatabaseInIsolatedSubnets TRANSIT-2',
  'Claims-TRANSIT2-ForbiddenNetworkPathsClosed TRANSIT-2',
  'Claims-TRANSIT2-IsolatedSubnetNoInternetRoute TRANSIT-2',
  'Claims-TRANSIT2-NoDataStorePublic TRANSIT-2',
  'Claims-TRANSIT2-PublicIngressOnlyToLoadBalancer TRANSIT-2',
  'Claims-TRANSIT2-RequiredFlowsAllowed TRANSIT-2',
  'Claims-TRANSIT2-RequiredNetworkPathsOpen TRANSIT-2',
  'Claims-TRANSIT2-SecurityGroupChain TRANSIT-2',
  'Claims-TRANSIT2-VpcFlowLogsAllTraffic TRANSIT-2',
];

describe('claims check manifest', () => {
  test('lists every check with the claims it proves', () => {
    expect(CHECKS.map((c) => `Claims-${c.id} ${c.claims.join(',')}`).sort()).toEqual(MANIFEST);
  });

  test('gives the synth gate the same rule ids the evidence reports', () => {
    expect([...new ClaimsPlugin().ruleIds].sort()).toEqual(MANIFEST.map((r) => r.split(' ')[0]));
  });

  test('names each check after the first claim it proves, uniquely', () => {
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^[A-Z]+\d-[A-Z][A-Za-z0-9]+$/);
      expect(c.id.split('-')[0]).toBe(c.claims[0].replace('-', ''));
    }
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  test('has at least one check for every infrastructure claim', () => {
    const checked = new Set(CHECKS.flatMap((c) => c.claims));
    expect(CLAIMS.filter((c) => c.kind === 'infrastructure' && !checked.has(c.id)).map((c) => c.id)).toEqual([]);
  });
});
