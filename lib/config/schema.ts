import { z } from 'zod';
import { OPT_OUTS, OptOutKey } from '../core/opt-outs';
import { SERVICE_MODES, ServiceMode, ThreatDetectionService } from '../core/service-modes';

/*
 * The one schema of the platform config: it rejects unknown keys (every object is strict) and values of the wrong
 * type, each with its path. The TypeScript types in platform-config.ts derive from it, and each key's JSDoc here is
 * what an IDE shows on the derived type. Ranges and relations between settings are judged afterwards by the table
 * of rules in validate-config.ts; defaults live in defaults.ts.
 */

const text = z.string();
// Whole-number and range checks are rules of validate-config.ts, so they can name the range and the claim.
const numeric = z.number();
const texts = z.array(z.string());

export const regionConfigSchema = z.strictObject({
  /** Region name, for example `eu-west-1`; one of the regions listed in `aws-regions.ts`. */
  region: text,
  /** Exactly the three availability zones the platform spans in that region, for example `eu-west-1a`. */
  availabilityZones: texts,
  /**
   * Accept a region that the table in `aws-regions.ts` does not list yet (one AWS launched after the table's date).
   * Its zones are then checked only for their form (`<region><letter>`).
   * @default false
   */
  allowUnlistedRegion: z.boolean().optional(),
});

export const securityContactConfigSchema = z.strictObject({
  /** `Contact:` URIs (`mailto:` or `https:`). At least one. */
  contacts: texts,
  /** `Expires:` date, ISO 8601. Must lie in the future and at most one year ahead (RFC 9116 section 2.5.5). */
  expires: text,
  /** `Policy:` URL of the disclosure policy. */
  policyUrl: text,
  /** `Preferred-Languages:` tags. @default ['en'] */
  preferredLanguages: texts.optional(),
});

export const databaseConfigSchema = z.strictObject({
  /** Instance class of writer and readers, for example `r6g.large`. @default 'r6g.large' */
  instanceType: text.optional(),
  /** Number of readers beside the writer; each in its own AZ. @default 2 */
  readers: numeric.optional(),
  /** Aurora automated backup retention in days, 7 to 35. @default 35 */
  backupRetentionDays: numeric.optional(),
  /** Database name created in the cluster. @default 'app' */
  databaseName: text.optional(),
  /**
   * People who may log in to the database, each as a role of their own (IAM authentication), every read, write,
   * DDL and role change audited by pgaudit (MONITOR-1). Taking someone off the list removes their LOGIN.
   * @default [] (nobody)
   */
  people: z.array(text).readonly().optional(),
});

/** Who may assume the platform's break-glass role, by the organisation's identity model. */
export const breakGlassConfigSchema = z.strictObject({
  /**
   * `iam-users-with-mfa`: principals of the account whose session carries `aws:MultiFactorAuthPresent` (IAM users
   * signed in with MFA, roles assumed with an MFA code). IAM Identity Center (SSO) sessions never carry that key,
   * so for SSO users choose `identity-center`: the role then trusts the roles of the named permission sets (or
   * `principalArns`), and MFA is enforced by Identity Center's own sign-in setting.
   * @default 'iam-users-with-mfa'
   */
  trust: z.enum(['iam-users-with-mfa', 'identity-center']),
  /**
   * With `identity-center`: names of the permission sets whose users may break glass; each is trusted as
   * `arn:<partition>:iam::<account>:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_<name>_*` by
   * `aws:PrincipalArn`. The permission set must also allow `sts:AssumeRole` on the break-glass role.
   * @default [] (give this or `principalArns`)
   */
  permissionSets: texts.optional(),
  /**
   * With `identity-center`: ARNs (wildcards allowed) of the Identity Center roles of this account that may break
   * glass, under `role/aws-reserved/sso.amazonaws.com/`.
   * @default [] (give this or `permissionSets`)
   */
  principalArns: texts.optional(),
});

/** AWS Backup restore testing of the backed-up stores (docs/restore-testing.md). */
export const restoreTestingConfigSchema = z.strictObject({
  /**
   * Restore the newest recovery points on a schedule and validate them. Off, nothing proves the backups restore, and
   * `secure-platform verify` reports the restore-test fact as failing.
   * @default true
   */
  enabled: z.boolean().optional(),
  /**
   * When the restore tests start, a 6-field AWS cron expression in UTC; at least weekly, so that a test result is
   * never older than the 8 days `verify` accepts.
   * @default 'cron(0 5 ? * SAT *)' (Saturdays 05:00 UTC)
   */
  scheduleExpression: text.optional(),
  /** Hours a restored store is kept for validation before AWS Backup deletes it, 1 to 168. @default 4 */
  validationWindowHours: numeric.optional(),
  /**
   * Tables of schema `app` a restored database must hold, each with the fewest rows it must have (the application
   * creates its tables, so the platform cannot know them).
   * @default {} (only the bootstrap's schema, roles and extension are checked)
   */
  expectedTables: z.record(z.string(), numeric).optional(),
});

/**
 * An optional logically air-gapped vault in the recovery region that every daily recovery point is also copied to
 * (docs/air-gapped-vault.md). AWS keeps it in compliance-mode Vault Lock from creation: nobody, the account root
 * included, can delete a recovery point before `minRetentionDays`, or change the two figures later.
 */
export const airGappedVaultConfigSchema = z.strictObject({
  /** Declare the vault, the copy into it and the Config rule that watches the cluster's points there. @default false */
  enabled: z.boolean().optional(),
  /**
   * Shortest retention a recovery point may have in the vault, 7 days or more and at most `backup.retentionDays` (a
   * copy kept shorter than this is refused). Fixed when the vault is created.
   * @default backup.retentionDays
   */
  minRetentionDays: numeric.optional(),
  /**
   * Longest retention a recovery point may have in the vault, at least `backup.retentionDays` and `minRetentionDays`,
   * at most 36500 (a copy kept longer is refused). Fixed when the vault is created.
   * @default twice minRetentionDays
   */
  maxRetentionDays: numeric.optional(),
});

export const backupConfigSchema = z.strictObject({
  /** UTC hour (0-23) at which the daily backup starts. @default 3 */
  dailyHourUtc: numeric.optional(),
  /** Days a daily recovery point is kept, in both regions, 7 to 3650. @default 35 */
  retentionDays: numeric.optional(),
  /**
   * Vault lock mode. `governance` can be lifted by privileged users; `compliance` can never be lifted once its
   * 72-hour grace period ends.
   * @default 'governance'
   */
  vaultLockMode: z.enum(['governance', 'compliance']).optional(),
  /**
   * ARN of the one IAM role that may change the vaults' access policies and locks, delete recovery points or shorten
   * their lifecycle (the vault access policies deny it to every other principal).
   * @default - the platform declares `<environmentName>-backup-break-glass`, assumable in the account with MFA only
   */
  breakGlassRoleArn: text.optional(),
  /**
   * Who may assume the break-glass role the platform declares (not used when `breakGlassRoleArn` names one).
   * @default { trust: 'iam-users-with-mfa' }
   */
  breakGlass: breakGlassConfigSchema.optional(),
  /** Restore testing (weekly by default). @default { enabled: true } */
  restoreTesting: restoreTestingConfigSchema.optional(),
  /** A logically air-gapped vault as an additional copy target. @default { enabled: false } */
  logicallyAirGappedVault: airGappedVaultConfigSchema.optional(),
});

export const serviceConfigSchema = z.strictObject({
  /**
   * Container image reference, built for linux/amd64 (the tasks run on X86_64), running as a non-root user on a
   * read-only root (write only to /tmp, and declare it a VOLUME in the image; see docs/rehearsal.md).
   * @default - the platform's own health page image, built from lib/compute/default-image at deploy time
   */
  image: text.optional(),
  /** Port the container listens on (1024-65535, a non-root port). @default 8080 */
  containerPort: numeric.optional(),
  /** Running tasks; at least 3 (one per AZ). @default 3 */
  desiredCount: numeric.optional(),
  /** Upper bound for autoscaling. @default 12 */
  maxCount: numeric.optional(),
  /** Task CPU units. @default 512 */
  cpu: numeric.optional(),
  /** Task memory in MiB. @default 1024 */
  memoryMiB: numeric.optional(),
  /** Health check path answered by the container. @default '/' */
  healthCheckPath: text.optional(),
});

export const dumpConfigSchema = z.strictObject({
  /**
   * ASCII-armored OpenPGP public key the dumps are encrypted to (`gpg --armor --export KEYID`). Its private half never
   * enters AWS. It must carry an encryption subkey that stays valid for at least a year.
   */
  gpgPublicKey: text,
  /** UTC hour (0-23) of the daily dump. @default 4 */
  dailyHourUtc: numeric.optional(),
});

/** Opt-outs that hold a count; every other opt-out is a flag. Checked against OPT_OUTS by a test. */
type CountOptOut = Extract<OptOutKey, 'natGateways'>;
/** Opt-outs set under `optOuts`; the service modes have their own block, `threatDetection`. */
type ConfigOptOutKey = Exclude<OptOutKey, `${ThreatDetectionService}Mode`>;

/**
 * The keys under `optOuts` are exactly those of the opt-out table (OPT_OUTS); whether a key is a flag or a count is
 * read from the table's own `isTaken` (a flag is taken by `true`, a count by a number).
 */
const optOutShape = Object.fromEntries(
  Object.values(OPT_OUTS)
    .filter((o) => o.configPath.startsWith('optOuts.'))
    .map((o) => [
      o.key,
      (o.isTaken(true) ? z.boolean() : numeric).optional().describe(`${o.configPath}: ${o.effect} (${o.claim})`),
    ]),
) as { [K in ConfigOptOutKey]: z.ZodOptional<K extends CountOptOut ? z.ZodNumber : z.ZodBoolean> };

export const optOutConfigSchema = z.strictObject(optOutShape);

const mode = z.enum(SERVICE_MODES as [ServiceMode, ...ServiceMode[]]);
/** One mode for both regions, or `{ primary, recovery }` (both required) for an account that differs by region. */
const modeSetting = mode.or(z.strictObject({ primary: mode, recovery: mode }));
export const threatDetectionConfigSchema = z.strictObject({
  /** GuardDuty detector (S3, RDS and Fargate runtime protection). @default 'create' */
  guardDuty: modeSetting.optional(),
  /** Security Hub with the AWS Foundational Security Best Practices standard. @default 'create' */
  securityHub: modeSetting.optional(),
  /** Account IAM Access Analyzer. @default 'create' */
  accessAnalyzer: modeSetting.optional(),
  /** AWS Config recorder and delivery channel (the platform's Config rules are declared in every mode). @default 'create' */
  config: modeSetting.optional(),
});

export const platformConfigSchema = z.strictObject({
  /** Short lower-case name of the environment (`prod`, `staging`); prefixes stage and physical names. */
  environmentName: text,
  /** 12-digit AWS account id the environment deploys to. */
  account: text,
  /** The region that serves traffic. */
  primaryRegion: regionConfigSchema,
  /** The second region that holds backup copies and the upload replica. Must differ from the primary. */
  recoveryRegion: regionConfigSchema,
  /** Public DNS name the load balancer answers for (used in security.txt Canonical). */
  domainName: text,
  /** ARN of an ACM certificate for `domainName`, in the primary region. */
  certificateArn: text,
  /** E-mail addresses subscribed to security and backup alerts. At least one. */
  alertEmails: texts,
  /** security.txt (RFC 9116) fields answered at `/.well-known/security.txt`. */
  securityContact: securityContactConfigSchema,
  /** Database sizing and retention. @default see `DEFAULT_DATABASE` */
  database: databaseConfigSchema.optional(),
  /** Backup schedule and retention. @default see `DEFAULT_BACKUP` */
  backup: backupConfigSchema.optional(),
  /** The application container. @default see `DEFAULT_SERVICE` */
  service: serviceConfigSchema.optional(),
  /** GPG-encrypted logical dumps of the database. */
  dump: dumpConfigSchema,
  /**
   * Per account singleton, whether the platform creates it or relies on the account's own (`existing`) or the
   * organisation's delegated administrator (`organization`), in both regions (`'existing'`) or per region
   * (`{ primary: 'existing', recovery: 'create' }`, both keys). Run `npx secure-platform preflight` to see which the
   * account needs. A mode other than `create` is listed in the evidence beside MONITOR-2, naming its regions.
   * @default see `DEFAULT_THREAT_DETECTION` (every service `create`)
   */
  threatDetection: threatDetectionConfigSchema.optional(),
  /**
   * Explicit, named opt-outs from the secure defaults: exactly the keys of OPT_OUTS. Each one weakens a claim and is
   * listed in the evidence.
   * @default - none: every claim at full strength
   */
  optOuts: optOutConfigSchema.optional(),
});
