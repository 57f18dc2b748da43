import type { ClaimId } from '../claims/claim';

/**
 * One defect that several packs flag, each under its own rule: the synth gate's summary prints it once per resource.
 * Only where the correspondence is clear (the same property of the same resource makes every rule pass); any other
 * finding is its own line.
 */
export interface SameDefect {
  /** The claim the defect touches, named in the acknowledgment the summary prints. */
  readonly claim: ClaimId;
  /** Claims findings, as `<check id>[<finding>]`, or `<check id>` for every finding of the check. */
  readonly claimsFindings: readonly string[];
  /** Stock cdk-nag rules, as the pack names them (`AwsSolutions-S10`). */
  readonly stockRules: readonly string[];
}

/** The same cdk-nag rule in the three compliance packs. */
const inCompliancePacks = (rule: string): string[] =>
  ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].map((pack) => `${pack}-${rule}`);

export const SAME_DEFECTS: readonly SameDefect[] = [
  {
    claim: 'REST-1',
    claimsFindings: ['REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]'],
    stockRules: [...inCompliancePacks('S3DefaultEncryptionKMS'), 'AwsSolutions-SQS2', 'AwsSolutions-SNS2'],
  },
  {
    claim: 'TRANSIT-2',
    claimsFindings: [
      'TRANSIT2-NoDataStorePublic[NoBlockPublicAcls]',
      'TRANSIT2-NoDataStorePublic[NoBlockPublicPolicy]',
      'TRANSIT2-NoDataStorePublic[NoIgnorePublicAcls]',
      'TRANSIT2-NoDataStorePublic[NoRestrictPublicBuckets]',
    ],
    stockRules: [
      ...inCompliancePacks('S3BucketPublicReadProhibited'),
      ...inCompliancePacks('S3BucketPublicWriteProhibited'),
    ],
  },
  {
    claim: 'TRANSIT-1',
    claimsFindings: [
      'TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyWithoutTls]',
      'TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyBelowTls12]',
    ],
    stockRules: ['AwsSolutions-S10', ...inCompliancePacks('S3BucketSSLRequestsOnly')],
  },
  {
    claim: 'TRANSIT-1',
    claimsFindings: ['TRANSIT1-MessagesRefusePlaintext[NoDenyWithoutTls]'],
    stockRules: ['AwsSolutions-SQS4', 'AwsSolutions-SNS3'],
  },
  {
    claim: 'MONITOR-1',
    claimsFindings: ['MONITOR1-EveryDataStoreAccessLogged[NoServerAccessLogNorDataEvents]'],
    stockRules: ['AwsSolutions-S1', ...inCompliancePacks('S3BucketLoggingEnabled')],
  },
  {
    claim: 'DATA-4',
    claimsFindings: ['DATA4-CustomerDataBucketHardened[NotVersioned]'],
    stockRules: inCompliancePacks('S3BucketVersioningEnabled'),
  },
  {
    claim: 'DATA-3',
    claimsFindings: ['DATA3-CustomerDataBucketReplicatesWithRtc[NotReplicated]'],
    stockRules: inCompliancePacks('S3BucketReplicationEnabled'),
  },
];

/** The defect a finding belongs to: a claims finding (`<check id>[<finding>]`) or a stock rule; undefined if none. */
export function sameDefectOf(rule: { checkId: string; finding?: string } | string): SameDefect | undefined {
  if (typeof rule === 'string') return SAME_DEFECTS.find((d) => d.stockRules.includes(rule));
  const key = rule.finding ? `${rule.checkId}[${rule.finding}]` : rule.checkId;
  return SAME_DEFECTS.find((d) => d.claimsFindings.includes(key) || d.claimsFindings.includes(rule.checkId));
}
