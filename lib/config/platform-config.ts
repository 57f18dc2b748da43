import type { ServiceMode } from '../core/service-modes';

/**
 * Everything one environment of the platform needs to know. Only `environmentName`, `account`, the regions,
 * their zones, the domain, the certificate, the alert addresses, the security contact and the dump public key
 * are required; every other field has a documented secure default (see `defaults.ts`).
 */
export interface PlatformConfig {
  /** Short lower-case name of the environment (`prod`, `staging`); prefixes stage and physical names. */
  readonly environmentName: string;
  /** 12-digit AWS account id the environment deploys to. */
  readonly account: string;
  /** The region that serves traffic. */
  readonly primaryRegion: RegionConfig;
  /** The second region that holds backup copies and the upload replica. Must differ from the primary. */
  readonly recoveryRegion: RegionConfig;
  /** Public DNS name the load balancer answers for (used in security.txt Canonical). */
  readonly domainName: string;
  /** ARN of an ACM certificate for `domainName`, in the primary region. */
  readonly certificateArn: string;
  /** E-mail addresses subscribed to security and backup alerts. At least one. */
  readonly alertEmails: readonly string[];
  /** security.txt (RFC 9116) fields answered at `/.well-known/security.txt`. */
  readonly securityContact: SecurityContactConfig;
  /** Database sizing and retention. @default see `DEFAULT_DATABASE` */
  readonly database?: DatabaseConfig;
  /** Backup schedule and retention. @default see `DEFAULT_BACKUP` */
  readonly backup?: BackupConfig;
  /** The application container. @default see `DEFAULT_SERVICE` */
  readonly service?: ServiceConfig;
  /** GPG-encrypted logical dumps of the database. */
  readonly dump: DumpConfig;
  /**
   * Per account singleton, whether the platform creates it or relies on the account's own (`existing`) or the
   * organisation's delegated administrator (`organization`). Run `npx ts-node bin/preflight.ts` to see which the
   * account needs. A mode other than `create` is listed in the evidence beside MONITOR-2.
   * @default see `DEFAULT_THREAT_DETECTION` (every service `create`)
   */
  readonly threatDetection?: ThreatDetectionConfig;
  /**
   * Explicit, named opt-outs from the secure defaults. Each one weakens a claim and is listed in the evidence.
   * @default - none: every claim at full strength
   */
  readonly optOuts?: OptOutConfig;
}

export interface RegionConfig {
  /** Region name, for example `eu-west-1`. */
  readonly region: string;
  /** Exactly the three availability zones the platform spans in that region, for example `eu-west-1a`. */
  readonly availabilityZones: readonly string[];
}

export interface SecurityContactConfig {
  /** `Contact:` URIs (`mailto:` or `https:`). At least one. */
  readonly contacts: readonly string[];
  /** `Expires:` date, ISO 8601. Must lie in the future and at most one year ahead (RFC 9116 section 2.5.5). */
  readonly expires: string;
  /** `Policy:` URL of the disclosure policy. */
  readonly policyUrl: string;
  /** `Preferred-Languages:` tags. @default ['en'] */
  readonly preferredLanguages?: readonly string[];
}

export interface DatabaseConfig {
  /** Instance class of writer and readers, for example `r6g.large`. @default 'r6g.large' */
  readonly instanceType?: string;
  /** Number of readers beside the writer; each in its own AZ. @default 2 */
  readonly readers?: number;
  /** Aurora automated backup retention in days, 7 to 35. @default 35 */
  readonly backupRetentionDays?: number;
  /** Database name created in the cluster. @default 'app' */
  readonly databaseName?: string;
}

export interface BackupConfig {
  /** UTC hour (0-23) at which the daily backup starts. @default 3 */
  readonly dailyHourUtc?: number;
  /** Days a daily recovery point is kept, in both regions, 7 to 3650. @default 35 */
  readonly retentionDays?: number;
  /**
   * Vault lock mode. `governance` can be lifted by privileged users; `compliance` can never be lifted once its
   * 72-hour grace period ends.
   * @default 'governance'
   */
  readonly vaultLockMode?: 'governance' | 'compliance';
  /**
   * ARN of the one IAM role that may change the vaults' access policies and locks, delete recovery points or shorten
   * their lifecycle (the vault access policies deny it to every other principal, CloudFormation's included).
   * @default - the platform declares `<environmentName>-backup-break-glass`, assumable in the account with MFA only
   */
  readonly breakGlassRoleArn?: string;
}

export interface ServiceConfig {
  /** Container image reference. @default 'public.ecr.aws/nginx/nginx-unprivileged:stable' */
  readonly image?: string;
  /** Port the container listens on (1024-65535, a non-root port). @default 8080 */
  readonly containerPort?: number;
  /** Running tasks; at least 3 (one per AZ). @default 3 */
  readonly desiredCount?: number;
  /** Upper bound for autoscaling. @default 12 */
  readonly maxCount?: number;
  /** Task CPU units. @default 512 */
  readonly cpu?: number;
  /** Task memory in MiB. @default 1024 */
  readonly memoryMiB?: number;
  /** Health check path answered by the container. @default '/' */
  readonly healthCheckPath?: string;
}

export interface DumpConfig {
  /** ASCII-armored GPG public key the dumps are encrypted to. Its private half never enters AWS. */
  readonly gpgPublicKey: string;
  /** UTC hour (0-23) of the daily dump. @default 4 */
  readonly dailyHourUtc?: number;
}

export interface OptOutConfig {
  /** Allow fewer than three service tasks (weakens HA-1). @default false */
  readonly allowFewerThanThreeTasks?: boolean;
  /** NAT gateways fewer than one per AZ (weakens HA-1). @default - one per AZ */
  readonly natGateways?: number;
}

/** Modes of the account singletons, in both regions (see `ServiceMode`). */
export interface ThreatDetectionConfig {
  /** GuardDuty detector (S3, RDS and Fargate runtime protection). @default 'create' */
  readonly guardDuty?: ServiceMode;
  /** Security Hub with the AWS Foundational Security Best Practices standard. @default 'create' */
  readonly securityHub?: ServiceMode;
  /** Account IAM Access Analyzer. @default 'create' */
  readonly accessAnalyzer?: ServiceMode;
  /** AWS Config configuration recorder and delivery channel (the platform's Config rules are declared in every mode). @default 'create' */
  readonly config?: ServiceMode;
}
