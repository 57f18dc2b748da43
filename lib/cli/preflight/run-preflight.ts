/**
 * The read-only preflight, run with credentials for the target account before the first deploy. It reads the
 * synthesized templates (so it checks exactly the names and settings the deploy would use) and asks the account, with
 * List/Describe/Get/Head calls only, about everything they depend on: the account singletons and who runs them, every
 * fixed physical name, Lambda's concurrency quota, Config's service-linked role and leftovers, and the certificate;
 * when the assembly holds a delivery pipeline, that this account's CDK bootstrap roles trust the pipeline account.
 * It fails closed: whatever it could not check (no credentials, a call denied or failing) is a blocking finding.
 */
import {
  compactModes,
  ModeRegion,
  recordedModeIn,
  RegionalServiceModes,
  ServiceModeSetting,
  THREAT_DETECTION_SERVICES,
  ThreatDetectionService,
} from '../../core/service-modes';
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { platformEnvironments } from '../../compliance/template/template-values';
import {
  BOOTSTRAP_ROLES,
  bootstrapRoleFindings,
  bootstrapRoleName,
  bootstrapTargets,
  deliveryOf,
  readBootstrapRole,
} from './bootstrap-trust';
import { certificateFindings, templateCertificates } from './certificates';
import {
  CONFIG_SERVICE_LINKED_ROLE,
  configLeftovers,
  configServiceLinkedRole,
  declaresDeliveryChannel,
  needsConfigServiceLinkedRole,
} from './config-prerequisites';
import { SelectedEnvironment, selectEnvironment } from './environment';
import { fixedNames, isGlobal, nameTaken } from './fixed-names';
import { callerAccount } from './identity';
import { concurrencyFindings, concurrencySettings, templateFunctions } from './lambda-concurrency';
import {
  detectorFeatureFindings,
  readDetectors,
  readEnabledStandards,
  ReliedOn,
  standardFindings,
} from './features-and-standards';
import { ACCESS_ANALYZER_BLIND_SPOT, modeFindings, RegionSighting, suggestModes } from './modes';
import { notChecked, PreflightFinding, PreflightReport } from './report';
import { loadSdk, Sdk } from './sdk';
import { absent, AwsSession, ClientOptions, errorText } from './session';
import { Probed, PROBES } from './singletons';

export interface PreflightOptions extends ClientOptions {
  /** The synthesized cloud assembly. @default 'cdk.out' */
  readonly outdir?: string;
  /** Which environment of the assembly. @default - the only one (an error when there are several) */
  readonly environment?: string;
  /** The SDK client packages. @default - loaded from node_modules (an error naming the missing ones) */
  readonly sdk?: Sdk;
}

/** Runs the preflight against the account of the current credentials (or `endpoint`). */
export async function runPreflight(options: PreflightOptions = {}): Promise<PreflightReport> {
  const outdir = options.outdir ?? 'cdk.out';
  const assembly = PlatformAssembly.fromDirectory(outdir);
  const selected = selectEnvironment(platformEnvironments(assembly), options.environment, outdir);
  const aws = new AwsSession(options.sdk ?? (await loadSdk()), options);
  try {
    return await preflightEnvironment(selected, aws, assembly);
  } finally {
    aws.close();
  }
}

const SERVICES = Object.keys(THREAT_DETECTION_SERVICES) as ThreatDetectionService[];

async function preflightEnvironment(
  selected: SelectedEnvironment,
  aws: AwsSession,
  assembly: PlatformAssembly,
): Promise<PreflightReport> {
  const { env, primaryRegion } = selected;
  const regions = [selected.primaryRegion, selected.recoveryRegion];
  const roleOf = (region: string): ModeRegion => (region === primaryRegion ? 'primary' : 'recovery');
  const findings: PreflightFinding[] = [];
  const checked: string[] = [];
  /** The modes the templates were synthesized with, per region (recorded in the platform metadata). */
  const configured = (s: ThreatDetectionService): RegionalServiceModes => ({
    primary: recordedModeIn(env.optOuts, s, 'primary'),
    recovery: recordedModeIn(env.optOuts, s, 'recovery'),
  });
  const report = (
    account?: string,
    suggested?: Record<ThreatDetectionService, ServiceModeSetting>,
  ): PreflightReport => ({
    environment: env.name,
    account,
    findings,
    checked,
    suggestedThreatDetection:
      suggested ??
      (Object.fromEntries(SERVICES.map((s) => [s, compactModes(configured(s))])) as Record<
        ThreatDetectionService,
        ServiceModeSetting
      >),
    // Nothing checked is never "nothing blocks".
    blocking: checked.length === 0 || findings.some((f) => f.blocking === true),
  });
  /** Runs one check; a failure becomes a blocking finding naming what and why. */
  const attempt = async (region: string, subject: string, check: () => Promise<PreflightFinding[]>) => {
    try {
      const found = await check();
      findings.push(...found);
      checked.push(`${subject} (${region})${found.some((f) => f.blocking) ? '' : ': ok'}`);
    } catch (e) {
      findings.push(notChecked(region, subject, errorText(e)));
    }
  };

  let account: string;
  try {
    account = await callerAccount(aws, primaryRegion);
  } catch (e) {
    findings.push(
      notChecked(
        primaryRegion,
        'credentials',
        `no usable AWS credentials (${errorText(e)}), so nothing was checked. Run it with credentials for account ${env.account ?? 'the environment deploys to'} (AWS_PROFILE=..., or aws sso login)`,
      ),
    );
    return report();
  }
  checked.push(`credentials: account ${account}`);
  if (env.account && env.account !== account)
    findings.push({
      region: 'global',
      kind: 'account',
      subject: 'credentials',
      blocking: true,
      detail: `are for account ${account}, but environment '${env.name}' deploys to ${env.account}: what follows is about the wrong account. Run it with credentials for ${env.account}`,
    });

  // A pipeline deploys into this account (each stage here, each region) only through bootstrap roles that trust it.
  const delivery = deliveryOf(assembly);
  for (const target of delivery ? bootstrapTargets(assembly, delivery, account) : [])
    for (const kind of BOOTSTRAP_ROLES) {
      const roleName = bootstrapRoleName(kind, target);
      await attempt(target.region, `bootstrap role ${roleName}`, async () =>
        bootstrapRoleFindings(target, kind, await readBootstrapRole(aws, primaryRegion, roleName)),
      );
    }

  const seen = Object.fromEntries(SERVICES.map((s) => [s, [] as RegionSighting[]]));
  for (const region of regions) {
    const role = roleOf(region);
    for (const service of SERVICES)
      await attempt(region, service, async () => {
        const probed = await PROBES[service](region, aws).catch((e: unknown): Probed => {
          if (absent(e)) return { sighting: { mode: 'create' }, unchecked: [] };
          throw e;
        });
        const { sighting } = probed;
        seen[service].push({ region, role, sighting });
        return [
          ...(sighting.found ? [{ region, kind: 'singleton' as const, subject: service, detail: sighting.found }] : []),
          ...(sighting.notes ?? []).map((note) => ({ region, kind: 'note' as const, subject: service, detail: note })),
          ...probed.unchecked.map((what) => notChecked(region, service, what)),
        ];
      });

    // Where the platform relies on the account's (or the organisation's) detector and hub, they must have what
    // 'create' would have enabled. Nothing running there is modeFindings' block; a failing call blocks (attempt).
    const reliedOn = (service: 'guardDuty' | 'securityHub'): ReliedOn | undefined => {
      const mode = configured(service)[role];
      const runs = seen[service].some((s) => s.region === region && s.sighting.mode !== 'create');
      return mode !== 'create' && runs ? { region, role, mode } : undefined;
    };
    const detectors = reliedOn('guardDuty');
    if (detectors)
      await attempt(region, 'GuardDuty features', async () =>
        detectorFeatureFindings(detectors, await readDetectors(aws, region)),
      );
    const hub = reliedOn('securityHub');
    if (hub)
      await attempt(region, 'Security Hub standards', async () =>
        standardFindings(hub, await readEnabledStandards(aws, region)),
      );

    for (const fixed of fixedNames(env, region)) {
      if (
        isGlobal(fixed.kind) &&
        region !== primaryRegion &&
        fixedNames(env, primaryRegion).some((f) => f.name === fixed.name)
      )
        continue;
      const subject = `${fixed.kind} ${fixed.name}`;
      await attempt(region, subject, async () => {
        const taken = await nameTaken(aws, fixed, region);
        return taken ? [{ region, kind: 'collision', subject, blocking: true, detail: taken }] : [];
      });
    }

    const functions = templateFunctions(env, region);
    if (functions.length)
      await attempt(region, 'Lambda concurrency', async () =>
        concurrencyFindings(region, await concurrencySettings(aws, region), functions),
      );

    await attempt(region, 'Config delivery channel and recorders', () =>
      configLeftovers(aws, region, declaresDeliveryChannel(env, region)),
    );
  }

  if (needsConfigServiceLinkedRole(env))
    await attempt('global', `role ${CONFIG_SERVICE_LINKED_ROLE}`, () => configServiceLinkedRole(aws, primaryRegion));
  for (const cert of templateCertificates(env))
    await attempt(cert.region, `certificate ${cert.arn}`, () => certificateFindings(aws, cert));

  for (const service of SERVICES) findings.push(...modeFindings(service, configured(service), seen[service]));
  if (!seen.accessAnalyzer.some(({ sighting }) => sighting.mode === 'organization'))
    findings.push({
      region: regions.join(', '),
      kind: 'note',
      subject: 'accessAnalyzer',
      detail: ACCESS_ANALYZER_BLIND_SPOT,
    });

  const suggested = Object.fromEntries(SERVICES.map((s) => [s, suggestModes(seen[s], configured(s))])) as Record<
    ThreatDetectionService,
    ServiceModeSetting
  >;
  return report(account, suggested);
}
