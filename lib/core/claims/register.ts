import { Claim, ClaimId } from './claim';

/**
 * The claims register: every promise of the security page (seed/security-overview.md), quoted verbatim, with what
 * makes it true. The checks that prove a claim are not listed here: each rule and assembly check names its claims,
 * so a claim's checks are derived (see `checksForClaim`) and cannot drift from the code.
 */
export const CLAIMS: readonly Claim[] = [
  {
    id: 'DATA-1',
    title: 'Written to multiple disks instantly',
    seedSentence:
      'All data are written to multiple disks instantly, backed up daily, and stored in multiple locations.',
    kind: 'infrastructure',
    trueWhen:
      'Aurora PostgreSQL cluster (storage replicated across 3 AZs); writer and readers in distinct AZs; no single-AZ storage class (ONEZONE_IA, EXPRESS_ONEZONE) anywhere',
  },
  {
    id: 'DATA-2',
    title: 'Backed up daily',
    seedSentence:
      'All data are written to multiple disks instantly, backed up daily, and stored in multiple locations.',
    kind: 'infrastructure',
    trueWhen:
      'AWS Backup plan with a daily rule covering every stateful store (database, upload bucket, dump bucket); Aurora automated backup retention >= 7 days',
  },
  {
    id: 'DATA-3',
    title: 'Stored in multiple locations',
    seedSentence:
      'All data are written to multiple disks instantly, backed up daily, and stored in multiple locations.',
    kind: 'infrastructure',
    trueWhen:
      'every daily recovery point copied to a vault in a second region; uploads replicated to the second region (S3 CRR with Replication Time Control)',
  },
  {
    id: 'DATA-4',
    title: 'Uploads on servers without bottlenecks or single points of failure',
    seedSentence:
      'Files that our customers upload are stored on servers that use modern techniques to remove bottlenecks and points of failure.',
    kind: 'infrastructure',
    trueWhen:
      'S3 upload bucket: versioned, public access fully blocked, owner-enforced, lifecycle for noncurrent versions, reached privately through a VPC gateway endpoint',
  },
  {
    id: 'TRANSIT-1',
    title: 'Encrypted in transit, sent using HTTPS',
    seedSentence:
      'Whenever your data are in transit between you and us, everything is encrypted, and sent using HTTPS.',
    kind: 'infrastructure',
    trueWhen:
      'load balancer listeners HTTPS only with a TLS 1.2+ policy (TLS 1.3 preferred); port 80 at most redirects to 443; HSTS; bucket policies deny non-TLS and TLS < 1.2; database forces TLS',
  },
  {
    id: 'TRANSIT-2',
    title: 'Firewalled private networks',
    seedSentence: 'Within our firewalled private networks, data may be transferred unencrypted.',
    kind: 'infrastructure',
    trueWhen:
      '3-AZ VPC; load balancer alone in public subnets; services in private subnets; database in isolated subnets; security groups chained LB -> service -> DB on single ports; default SG closed; flow logs on; VPC endpoints for AWS APIs',
  },
  {
    id: 'REST-1',
    title: 'Uploads encrypted at rest',
    seedSentence: 'Any files which you upload to us are stored and are encrypted at rest.',
    kind: 'infrastructure',
    trueWhen:
      'SSE-KMS with a customer managed key, rotation on; replica encrypted with its own key in the second region',
  },
  {
    id: 'REST-2',
    title: 'Databases encrypted at rest (the page says "generally not")',
    seedSentence:
      'Our application databases are generally not encrypted at rest — the information you add to the applications is active in our databases and subject to the same protection and monitoring as the rest of our systems.',
    kind: 'infrastructure',
    trueWhen: 'database storage encrypted with a customer managed key',
    exceeds:
      'The page allows unencrypted databases; every database here is encrypted at rest with a customer managed key.',
  },
  {
    id: 'REST-3',
    title: 'Database backups encrypted (GPG)',
    seedSentence: 'Our database backups are encrypted using GPG.',
    kind: 'infrastructure',
    trueWhen:
      'backup vaults in both regions encrypted with customer managed keys; logical dumps encrypted client-side with GPG to a public key whose private half AWS never holds',
  },
  {
    id: 'HA-1',
    title: 'Full redundancy for all major systems',
    seedSentence:
      'Our servers — from power supplies to the internet connection to the air purifying systems — operate at full redundancy. Our systems are engineered to stay up even if multiple servers fail.',
    kind: 'infrastructure',
    trueWhen:
      'every tier spans 3 AZs: NAT per AZ, load balancer, >= 3 service tasks, Aurora writer + >= 2 readers; losing any one AZ, or any two instances, leaves every tier serving',
    inheritedParts: [
      'Power supplies, internet connectivity and air handling of the data centres are AWS facility redundancy, inherited through the AWS shared responsibility model (see the AWS SOC 2 report).',
    ],
  },
  {
    id: 'BILLING-1',
    title: 'Card data only at Stripe',
    seedSentence:
      'Card information is transmitted, stored, and processed securely on exclusively on Stripe servers. We don’t store your credit card information on our servers.',
    kind: 'infrastructure',
    trueWhen:
      'Stripe API keys in Secrets Manager under a customer managed key, readable only by the service role; no data store declared for card data; egress limited to HTTPS',
    inheritedParts: [
      'All credit card transactions are processed using secure encryption—the same level of encryption used by leading banks: card processing is Stripe’s, a PCI DSS Level 1 service provider.',
    ],
  },
  {
    id: 'MONITOR-1',
    title: 'Wrongful employee access is caught',
    seedSentence:
      'If a PocketCITY employee wrongly accesses customer data, they will face penalties ranging from termination to prosecution.',
    kind: 'infrastructure',
    trueWhen:
      'multi-region CloudTrail with log-file validation, KMS encryption, S3 data events on the customer-data buckets; database audit logging (pgaudit) exported to CloudWatch Logs',
    organisationalParts: [
      'The penalties themselves (termination to prosecution) are an HR and legal process (see ORG-1).',
    ],
  },
  {
    id: 'MONITOR-2',
    title: 'Defenses against attack',
    seedSentence: 'We have processes and defenses in place to keep our streak of 0 data breaches going.',
    kind: 'infrastructure',
    trueWhen:
      'WAF with AWS managed rule groups on the load balancer; GuardDuty (S3 and RDS protection); Security Hub with Foundational Security Best Practices; alarms on unauthorized API calls and root use',
  },
  {
    id: 'MONITOR-3',
    title: 'Affected customers notified immediately',
    seedSentence:
      'But in the unfortunate circumstances someone malicious does successfully mount an attack, we will immediately notify all affected customers.',
    kind: 'infrastructure',
    trueWhen:
      'high-severity findings routed by EventBridge to an encrypted SNS topic with a subscriber; an incident runbook in docs/',
    organisationalParts: [
      'Deciding who is affected and writing to them is the incident process of docs/runbooks/breach-notification.md; the infrastructure part is that the right people hear of a high-severity finding at once.',
    ],
    documents: ['docs/runbooks/breach-notification.md'],
  },
  {
    id: 'RESPONSE-1',
    title: 'A page to report incidents',
    seedSentence:
      'Please visit our [security response page](response/index.md) for details on how to securely submit a report.',
    kind: 'infrastructure',
    trueWhen:
      'docs/security-response.md, and /.well-known/security.txt (RFC 9116) answered by the load balancer itself',
    documents: ['docs/security-response.md'],
  },
  {
    id: 'ORG-1',
    title: 'Penalties for wrongful employee access',
    seedSentence:
      'If a PocketCITY employee wrongly accesses customer data, they will face penalties ranging from termination to prosecution.',
    kind: 'organisational',
    trueWhen: 'an employment policy and its enforcement; infrastructure only supplies the record (MONITOR-1)',
  },
  {
    id: 'ORG-2',
    title: 'No known wrongful access so far',
    seedSentence: 'Again, to our knowledge, this hasn’t happened.',
    kind: 'organisational',
    trueWhen: 'a statement of the company’s knowledge; not provable by infrastructure',
  },
];

export function claimById(id: ClaimId): Claim {
  const claim = CLAIMS.find((c) => c.id === id);
  // library bug, not a user mistake: ClaimId is typed, so only the library's own tables can miss
  if (!claim) throw new Error(`Unknown claim '${id}'. Known claims: ${CLAIMS.map((c) => c.id).join(', ')}`);
  return claim;
}
