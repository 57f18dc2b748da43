#!/usr/bin/env node
/**
 * Read-only preflight, run by a user with credentials for the target account before the first deploy:
 *   npx cdk synth '**' --quiet && npx ts-node bin/preflight.ts [--out cdk.out] [--environment prod]
 * It reads the synthesized templates (so it checks exactly the names the deploy would create), asks the account
 * about the singletons (GuardDuty, Security Hub, Access Analyzer, AWS Config recorder) in both regions and about
 * every fixed physical name (buckets, vaults, secrets, log groups, IAM roles), and prints the collisions and the
 * `threatDetection` modes to put in the config. It only calls List/Describe/Get/Head APIs.
 */
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { BackupClient, DescribeBackupVaultCommand } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, DescribeConfigurationRecordersCommand } from '@aws-sdk/client-config-service';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';
import { flatten, platformEnvironments, PlatformEnvironment, prop } from '../lib/compliance/template/template-values';
import { serviceModeOptOutKey, ServiceMode, ThreatDetectionService } from '../lib/core/service-modes';

export interface PreflightOptions {
  /** The synthesized cloud assembly. @default 'cdk.out' */
  readonly outdir?: string;
  /** Which environment of the assembly. @default - the only one, or the first */
  readonly environment?: string;
  /** An AWS API endpoint to talk to instead of AWS (tests: a local emulator). @default - AWS */
  readonly endpoint?: string;
}

export interface PreflightFinding {
  readonly region: string;
  /** `singleton`: an account singleton exists; `collision`: a fixed name the deploy would create is taken. */
  readonly kind: 'singleton' | 'collision' | 'unknown';
  readonly subject: string;
  readonly detail: string;
}

export interface PreflightReport {
  readonly environment: string;
  readonly findings: PreflightFinding[];
  /** `threatDetection` values for the config, per what the account already runs in either region. */
  readonly suggestedThreatDetection: Record<ThreatDetectionService, ServiceMode>;
  /** True when deploying as configured would collide with something that exists. */
  readonly blocking: boolean;
}

interface FixedName {
  readonly kind: 'bucket' | 'vault' | 'secret' | 'log group' | 'role';
  readonly name: string;
}

/** Every literal physical name the environment's templates of one region would create. */
export function fixedNames(env: PlatformEnvironment, region: string): FixedName[] {
  const stacks = env.stacks.filter((s) => s.region === region);
  const byType: [string, string, FixedName['kind']][] = [
    ['AWS::S3::Bucket', 'BucketName', 'bucket'],
    ['AWS::Backup::BackupVault', 'BackupVaultName', 'vault'],
    ['AWS::SecretsManager::Secret', 'Name', 'secret'],
    ['AWS::Logs::LogGroup', 'LogGroupName', 'log group'],
    ['AWS::IAM::Role', 'RoleName', 'role'],
  ];
  return byType.flatMap(([type, property, kind]) =>
    new PlatformAssembly(stacks).resourcesOfType(type).flatMap((r) => {
      const name = flatten(prop(r, property), r.stack);
      return name ? [{ kind, name }] : [];
    }),
  );
}

function errorName(e: unknown): string {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name ?? String(e);
}

function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

const NOT_FOUND =
  /NotFound|NoSuch|ResourceNotFoundException|AccessDeniedException.*not subscribed|InvalidAccessException/;

/** Runs the preflight against the account of the current credentials (or `endpoint`). */
export async function runPreflight(options: PreflightOptions = {}): Promise<PreflightReport> {
  const assembly = PlatformAssembly.fromDirectory(options.outdir ?? 'cdk.out');
  const environments = platformEnvironments(assembly);
  const env = environments.find((e) => e.name === options.environment) ?? environments[0];
  if (!env) throw new Error(`No platform environment in ${options.outdir ?? 'cdk.out'}. Run 'npx cdk synth' first.`);
  const regions = [env.primaryRegion, env.recoveryRegion].filter((r): r is string => typeof r === 'string');
  const client = { endpoint: options.endpoint };
  try {
    return await preflightEnvironment(env, regions, client);
  } finally {
    for (const c of openClients.splice(0)) c.destroy();
  }
}

/** Every SDK client made during a run, closed at its end (their keep-alive sockets would hold the process). */
const openClients: { destroy(): void }[] = [];
function open<T extends { destroy(): void }>(c: T): T {
  openClients.push(c);
  return c;
}

async function preflightEnvironment(
  env: PlatformEnvironment,
  regions: string[],
  client: { endpoint?: string },
): Promise<PreflightReport> {
  const findings: PreflightFinding[] = [];
  const present: Record<ThreatDetectionService, boolean> = {
    guardDuty: false,
    securityHub: false,
    accessAnalyzer: false,
    config: false,
  };

  for (const region of regions) {
    const singleton = async (service: ThreatDetectionService, ask: () => Promise<string | undefined>) => {
      try {
        const found = await ask();
        if (found) {
          present[service] = true;
          findings.push({ region, kind: 'singleton', subject: service, detail: found });
        }
      } catch (e) {
        if (!NOT_FOUND.test(errorName(e)))
          findings.push({ region, kind: 'unknown', subject: service, detail: `could not check: ${errorName(e)}` });
      }
    };
    await singleton('guardDuty', async () => {
      const ids = (await open(new GuardDutyClient({ region, ...client })).send(new ListDetectorsCommand({})))
        .DetectorIds;
      return ids?.length ? `GuardDuty detector ${ids.join(', ')} exists` : undefined;
    });
    await singleton('securityHub', async () => {
      const hub = await open(new SecurityHubClient({ region, ...client })).send(new DescribeHubCommand({}));
      return hub.HubArn ? `Security Hub is enabled (${hub.HubArn})` : undefined;
    });
    await singleton('accessAnalyzer', async () => {
      const list = await open(new AccessAnalyzerClient({ region, ...client })).send(
        new ListAnalyzersCommand({ type: 'ACCOUNT' }),
      );
      return list.analyzers?.length
        ? `account Access Analyzer ${list.analyzers.map((a) => a.name).join(', ')} exists`
        : undefined;
    });
    await singleton('config', async () => {
      const recorders = (
        await open(new ConfigServiceClient({ region, ...client })).send(new DescribeConfigurationRecordersCommand({}))
      ).ConfigurationRecorders;
      return recorders?.length ? `AWS Config recorder ${recorders.map((r) => r.name).join(', ')} exists` : undefined;
    });

    for (const fixed of fixedNames(env, region)) {
      // IAM is global: ask once, from the primary region.
      if (
        fixed.kind === 'role' &&
        region !== regions[0] &&
        fixedNames(env, regions[0]).some((f) => f.name === fixed.name)
      )
        continue;
      try {
        const taken = await nameTaken(fixed, region, client);
        if (taken) findings.push({ region, kind: 'collision', subject: `${fixed.kind} ${fixed.name}`, detail: taken });
      } catch (e) {
        findings.push({
          region,
          kind: 'unknown',
          subject: `${fixed.kind} ${fixed.name}`,
          detail: `could not check: ${errorName(e)}`,
        });
      }
    }
  }

  const suggested = Object.fromEntries(
    (Object.keys(present) as ThreatDetectionService[]).map((service) => {
      const configured = env.optOuts[serviceModeOptOutKey(service)] as ServiceMode | undefined;
      return [service, present[service] ? (configured ?? 'existing') : 'create'];
    }),
  ) as Record<ThreatDetectionService, ServiceMode>;
  const blocking =
    findings.some((f) => f.kind === 'collision') ||
    (Object.keys(present) as ThreatDetectionService[]).some(
      (s) => present[s] && (env.optOuts[serviceModeOptOutKey(s)] ?? 'create') === 'create',
    );
  return { environment: env.name, findings, suggestedThreatDetection: suggested, blocking };
}

/** Why a fixed name is taken, or undefined when it is free. */
async function nameTaken(fixed: FixedName, region: string, client: { endpoint?: string }): Promise<string | undefined> {
  const absent = (e: unknown) => NOT_FOUND.test(errorName(e)) || statusOf(e) === 404;
  try {
    switch (fixed.kind) {
      case 'bucket':
        await open(new S3Client({ region, ...client, forcePathStyle: client.endpoint !== undefined })).send(
          new HeadBucketCommand({ Bucket: fixed.name }),
        );
        return 'exists in this account (a retained bucket of an earlier deploy?)';
      case 'vault':
        await open(new BackupClient({ region, ...client })).send(
          new DescribeBackupVaultCommand({ BackupVaultName: fixed.name }),
        );
        return 'exists (a retained vault of an earlier deploy?)';
      case 'secret':
        await open(new SecretsManagerClient({ region, ...client })).send(
          new DescribeSecretCommand({ SecretId: fixed.name }),
        );
        return 'exists (or is scheduled for deletion)';
      case 'log group': {
        const groups = await open(new CloudWatchLogsClient({ region, ...client })).send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: fixed.name }),
        );
        return groups.logGroups?.some((g) => g.logGroupName === fixed.name)
          ? 'exists (retained log group?)'
          : undefined;
      }
      case 'role':
        await open(new IAMClient({ region, ...client })).send(new GetRoleCommand({ RoleName: fixed.name }));
        return 'exists';
    }
  } catch (e) {
    if (fixed.kind === 'bucket' && statusOf(e) === 403) return 'is taken by another account (bucket names are global)';
    if (absent(e)) return undefined;
    throw e;
  }
}

/** The report as the terminal shows it. */
export function renderPreflight(report: PreflightReport): string {
  const lines = [`Preflight for environment '${report.environment}' (read-only)`];
  for (const f of report.findings) lines.push(`  [${f.kind}] ${f.region} ${f.subject}: ${f.detail}`);
  if (report.findings.length === 0) lines.push('  nothing in the way');
  lines.push('Suggested config:', JSON.stringify({ threatDetection: report.suggestedThreatDetection }, null, 2));
  lines.push(
    report.blocking
      ? "Blocking: choose the modes above and remove or rename what collides (docs/runbooks/first-deploy-rollback.md) before 'npx cdk deploy'."
      : 'Nothing blocks the deploy.',
  );
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  runPreflight({ outdir: arg('--out'), environment: arg('--environment') })
    .then((report) => {
      console.log(renderPreflight(report));
      process.exitCode = report.blocking ? 1 : 0;
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 2;
    });
}
