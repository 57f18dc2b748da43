#!/usr/bin/env node
/**
 * Read-only preflight, run by a user with credentials for the target account before the first deploy:
 *   npx cdk synth '**' --quiet && npx ts-node bin/preflight.ts [--out cdk.out] [--environment prod]
 * It reads the synthesized templates (so it checks exactly the names the deploy would create), asks the account
 * about the singletons (GuardDuty, Security Hub, Access Analyzer, AWS Config recorder) in both regions, and who runs
 * them, and about every fixed physical name (buckets, vaults, secrets, log groups, IAM roles), and prints the
 * collisions, the `threatDetection` modes to put in the config and where the configured ones contradict the account.
 * It only calls List/Describe/Get/Head APIs.
 */
import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';
import { platformEnvironments, PlatformEnvironment } from '../lib/compliance/template/template-values';
import {
  serviceModeOptOutKey,
  ServiceMode,
  THREAT_DETECTION_SERVICES,
  ThreatDetectionService,
} from '../lib/core/service-modes';
import { fixedNames, nameTaken } from './preflight/fixed-names';
import { ACCESS_ANALYZER_BLIND_SPOT, modeFindings, Sighting, suggestMode } from './preflight/modes';
import { PreflightFinding, PreflightReport, renderPreflight } from './preflight/report';
import { absent, ClientOptions, closeClients, errorName } from './preflight/sdk';
import { PROBES } from './preflight/singletons';

export { fixedNames } from './preflight/fixed-names';
export type { PreflightFinding, PreflightReport } from './preflight/report';
export { renderPreflight };

export interface PreflightOptions {
  /** The synthesized cloud assembly. @default 'cdk.out' */
  readonly outdir?: string;
  /** Which environment of the assembly. @default - the only one, or the first */
  readonly environment?: string;
  /** An AWS API endpoint to talk to instead of AWS (tests: a local emulator). @default - AWS */
  readonly endpoint?: string;
}

/** Runs the preflight against the account of the current credentials (or `endpoint`). */
export async function runPreflight(options: PreflightOptions = {}): Promise<PreflightReport> {
  const assembly = PlatformAssembly.fromDirectory(options.outdir ?? 'cdk.out');
  const environments = platformEnvironments(assembly);
  const env = environments.find((e) => e.name === options.environment) ?? environments[0];
  if (!env) throw new Error(`No platform environment in ${options.outdir ?? 'cdk.out'}. Run 'npx cdk synth' first.`);
  const regions = [env.primaryRegion, env.recoveryRegion].filter((r): r is string => typeof r === 'string');
  try {
    return await preflightEnvironment(env, regions, { endpoint: options.endpoint });
  } finally {
    closeClients();
  }
}

async function preflightEnvironment(
  env: PlatformEnvironment,
  regions: string[],
  client: ClientOptions,
): Promise<PreflightReport> {
  const findings: PreflightFinding[] = [];
  const services = Object.keys(THREAT_DETECTION_SERVICES) as ThreatDetectionService[];
  const seen = Object.fromEntries(services.map((s) => [s, [] as { region: string; sighting: Sighting }[]]));

  for (const region of regions) {
    for (const service of services) {
      const sighting = await PROBES[service](region, client).catch((e: unknown): Sighting | undefined => {
        if (absent(e)) return { mode: 'create' };
        findings.push({ region, kind: 'unknown', subject: service, detail: `could not check: ${errorName(e)}` });
        return undefined;
      });
      if (!sighting) continue;
      seen[service].push({ region, sighting });
      if (sighting.found) findings.push({ region, kind: 'singleton', subject: service, detail: sighting.found });
      for (const note of sighting.notes ?? []) findings.push({ region, kind: 'note', subject: service, detail: note });
    }

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

  const configured = (s: ThreatDetectionService) =>
    (env.optOuts[serviceModeOptOutKey(s)] as ServiceMode | undefined) ?? 'create';
  for (const service of services) findings.push(...modeFindings(service, configured(service), seen[service]));
  if (!seen.accessAnalyzer.some(({ sighting }) => sighting.mode === 'organization'))
    findings.push({
      region: regions.join(', '),
      kind: 'note',
      subject: 'accessAnalyzer',
      detail: ACCESS_ANALYZER_BLIND_SPOT,
    });

  const suggested = Object.fromEntries(
    services.map((s) => [
      s,
      suggestMode(
        seen[s].map((r) => r.sighting),
        configured(s),
      ),
    ]),
  ) as Record<ThreatDetectionService, ServiceMode>;
  const blocking = findings.some((f) => f.kind === 'collision' || f.blocking === true);
  return { environment: env.name, findings, suggestedThreatDetection: suggested, blocking };
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
