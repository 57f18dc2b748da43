/**
 * `secure-platform verify`: read-only, with credentials for the deployed account, reads what each claim of the
 * security page needs to be true today (the Config rules' evaluations, backup, copy and restore-test jobs, replication,
 * the newest dump, GuardDuty and Security Hub, the trail, the stacks' drift) and judges each fact against core's
 * freshness windows. It fails closed: a fact it could not read makes its claims UNKNOWN, never verified.
 */
import { CLAIMS } from '../../core/claims/register';
import { LIVE_FACTS_OF_CLAIM, LIVE_FACTS_OF_EVERY_CLAIM, LiveFactKind } from '../../core/requirements/live-facts';
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { platformEnvironments } from '../../compliance/template/template-values';
import { selectEnvironment } from '../preflight/environment';
import { callerAccount } from '../preflight/identity';
import { loadSdk, Sdk } from '../preflight/sdk';
import { AwsSession, ClientOptions, errorText } from '../preflight/session';
import { judge, LiveFact, Reading, unread } from './fact';
import { readBackupJobs, readCopyJobs, readRestoreTests } from './read/backup-jobs';
import { readConfigRule } from './read/config-rules';
import { readNewestDump } from './read/dumps';
import { readReplicationConfig, readReplicationMetrics } from './read/replication';
import { readStackDrift } from './read/stack-drift';
import { readDetectorFeatures, readStandards } from './read/threat-detection';
import { readTrailStatus } from './read/trail';
import { VerifyTargets, verifyTargets } from './targets';
import { ClaimVerdict, VerifiedClaim, VerifyReport } from './verify-report';

export interface VerifyOptions extends ClientOptions {
  /** The synthesized cloud assembly. @default 'cdk.out' */
  readonly assembly?: string;
  /** Which environment of the assembly. @default - the only one (an error when there are several) */
  readonly environment?: string;
  /** The SDK client packages. @default - loaded from node_modules (an error naming the missing ones) */
  readonly sdk?: Sdk;
  /** The clock facts are observed and judged by (tests: a later day). @default - the system clock */
  readonly now?: () => Date;
}

/** A fact of one kind and its claims' view of it. */
interface Fact extends LiveFact {
  /** The claims it is held against (a Config rule: the rule's claims; other kinds: core's table). */
  readonly claims?: readonly string[];
}

export async function runVerify(options: VerifyOptions = {}): Promise<VerifyReport> {
  const assembly = options.assembly ?? 'cdk.out';
  const now = options.now ?? (() => new Date());
  const selected = selectEnvironment(
    platformEnvironments(PlatformAssembly.fromDirectory(assembly)),
    options.environment,
    assembly,
  );
  const startedAt = now().toISOString();
  const aws = new AwsSession(options.sdk ?? (await loadSdk()), options);
  const { env, primaryRegion } = selected;
  const finish = (facts: readonly Fact[], account?: string): VerifyReport => {
    const claims = judgeClaims(facts);
    return {
      environment: env.name,
      account,
      startedAt,
      finishedAt: now().toISOString(),
      claims,
      facts: facts.map(({ claims: _claims, ...fact }) => fact),
      verified: claims.every((c) => c.status === 'verified' || c.status === 'organisational'),
    };
  };
  try {
    let account: string;
    try {
      account = await callerAccount(aws, primaryRegion);
    } catch (e) {
      const fact: Fact = {
        ...unread('credentials', primaryRegion, 'credentials', e, now()),
        detail: `no usable AWS credentials (${errorText(e)}), so nothing was read. Run it with credentials for account ${env.account ?? 'the environment deploys to'} (AWS_PROFILE=..., or aws sso login)`,
      };
      return finish([fact]);
    }
    const facts: Fact[] = [];
    if (env.account && env.account !== account)
      facts.push({
        ...judge('credentials', { region: 'global', subject: 'credentials', good: false, detail: '' }, now()),
        detail: `are for account ${account}, but environment '${env.name}' deploys to ${env.account}: nothing read there is about it. Run it with credentials for ${env.account}`,
      });
    facts.push(...(await readFacts(aws, verifyTargets(selected, account), now)));
    return finish(facts, account);
  } finally {
    aws.close();
  }
}

/** Reads every fact of the targets, one call chain at a time; a failing read is an UNKNOWN fact naming the error. */
async function readFacts(aws: AwsSession, t: VerifyTargets, now: () => Date): Promise<Fact[]> {
  const facts: Fact[] = [];
  const read = async (
    kind: LiveFactKind,
    region: string,
    subject: string,
    reader: () => Promise<Reading>,
    claims?: readonly string[],
  ) => {
    try {
      const reading = await reader();
      facts.push({ ...judge(kind, reading, now()), claims });
    } catch (e) {
      facts.push({ ...unread(kind, region, subject, e, now()), claims });
    }
  };
  const { primaryRegion: primary, recoveryRegion: recovery } = t;
  const missing = (kind: LiveFactKind, region: string, what: string) =>
    facts.push(unread(kind, region, what, `the templates do not name it (${t.missing.join('; ')})`, now()));

  for (const rule of t.rules)
    await read('config-rule', rule.region, rule.ruleName, () => readConfigRule(aws, rule), rule.claims);

  if (t.protectedResources.length === 0) {
    missing('backup-job', primary, 'the backed-up stores');
    missing('restore-test', primary, 'the backed-up stores');
  }
  for (const resource of t.protectedResources) {
    await read('backup-job', resource.region, resource.arn, () => readBackupJobs(aws, resource));
    if (t.recoveryVault) {
      const vault = t.recoveryVault;
      await read('copy-job', resource.region, resource.arn, () => readCopyJobs(aws, resource, recovery, vault));
    } else missing('copy-job', resource.region, resource.arn);
    await read('restore-test', resource.region, resource.arn, () => readRestoreTests(aws, resource));
  }

  if (t.uploads) {
    const { bucket, replicaArn, ruleIds } = t.uploads;
    await read('replication-config', primary, bucket, () => readReplicationConfig(aws, primary, bucket, replicaArn));
    const replica = replicaArn?.replace(/^arn:[^:]+:s3:::/, '');
    for (const ruleId of ruleIds)
      if (replica)
        await read('replication-metrics', primary, `${bucket} rule ${ruleId}`, () =>
          readReplicationMetrics(aws, primary, bucket, replica, ruleId, now()),
        );
    if (!replica || ruleIds.length === 0) missing('replication-metrics', primary, bucket);
  } else {
    missing('replication-config', primary, 'the upload bucket');
    missing('replication-metrics', primary, 'the upload bucket');
  }

  if (t.dumpsBucket) {
    const bucket = t.dumpsBucket;
    await read('dump-age', primary, bucket, () => readNewestDump(aws, primary, bucket));
  } else missing('dump-age', primary, 'the dump bucket');

  for (const region of [primary, recovery]) {
    await read('guardduty-features', region, 'GuardDuty detector', () => readDetectorFeatures(aws, region));
    await read('securityhub-standards', region, 'Security Hub standards', () => readStandards(aws, region));
  }
  await read('trail-status', primary, `trail tagged ${t.platformTag.key}=${t.platformTag.value}`, () =>
    readTrailStatus(aws, primary, t.platformTag),
  );
  for (const stack of t.stacks)
    await read('stack-drift', stack.region, stack.stackName, () => readStackDrift(aws, stack.region, stack.stackName));
  return facts;
}

const WORST: readonly Exclude<ClaimVerdict, 'organisational'>[] = ['failing', 'UNKNOWN', 'verified'];

/** Each claim with the facts it needs: failing when one is bad or stale, else UNKNOWN when one was not read. */
function judgeClaims(facts: readonly Fact[]): VerifiedClaim[] {
  return CLAIMS.map((claim): VerifiedClaim => {
    const base = { id: claim.id, title: claim.title, kind: claim.kind };
    if (claim.kind === 'organisational')
      return {
        ...base,
        status: 'organisational',
        facts: [],
        why: 'a promise about people and process; not readable in the account',
      };
    const kinds: readonly string[] = [...LIVE_FACTS_OF_EVERY_CLAIM, ...(LIVE_FACTS_OF_CLAIM[claim.id] ?? [])];
    const mine = facts.filter(
      (f) =>
        f.kind === 'credentials' || (kinds.includes(f.kind) && (f.claims === undefined || f.claims.includes(claim.id))),
    );
    const count = (s: string) => mine.filter((f) => f.status === s).length;
    const status = mine.length === 0 ? 'UNKNOWN' : (WORST.find((s) => count(s) > 0) ?? 'verified');
    const why =
      mine.length === 0
        ? 'no fact of the account was read for it'
        : status === 'verified'
          ? `${mine.length} facts read, each fresh and good`
          : `${count('failing')} failing, ${count('UNKNOWN')} not read, of ${mine.length} facts: ${mine
              .filter((f) => f.status !== 'verified')
              .map((f) => `${f.kind} ${f.subject}: ${f.detail}`)
              .join('; ')}`;
    return { ...base, status, facts: mine.map((f) => f.id), why };
  });
}
