import { createHash } from 'crypto';
import {
  Aspects,
  CrossStackReferences,
  ReferenceStrength,
  Stack,
  Stage,
  StageProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import { DEFAULT_CROSS_STACK_REFERENCES } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { PlatformConfig } from '../config/platform-config';
import { ResolvedPlatformConfig, resolvePlatformConfig } from '../config/resolve-config';
import {
  compactModes,
  regionalModes,
  serviceModeOptOutKey,
  ServiceModeSetting,
  THREAT_DETECTION_SERVICES,
  ThreatDetectionService,
} from '../core/service-modes';
import { PLATFORM_METADATA_KEY, PlatformMetadata } from '../core/platform-metadata';
import { markSynthStarted } from '../core/synth-run';
import { reportProgress } from '../core/progress';
import { PLATFORM_TAG_KEY } from '../core/requirements/continuous-config-rules';
import { ClaimsPlugin } from '../compliance/gate/claims-plugin';
import { addFindingsSummary } from '../compliance/gate/findings-summary-plugin';
import { ScopedPack } from '../compliance/gate/scoped-pack';
import { addStrayStackGate } from '../compliance/gate/stray-stacks';
import { ALL_STOCK_PACKS, createStockPacks, StockPackName } from '../compliance/gate/stock-packs';
import { DataStack } from './data-stack';
import { MonitoringStack } from './monitoring-stack';
import { NetworkStack } from './network-stack';
import { ProtectLogGroups } from './private/protect-log-groups';
import { RecoveryStack } from './recovery-stack';
import { ServiceStack } from './service-stack';
import { ThreatDetectionStack } from './threat-detection-stack';

export interface PlatformStageProps extends Omit<StageProps, 'env'> {
  /** The environment's config; validated here, before any stack is created. */
  readonly config: PlatformConfig;
  /**
   * Stock cdk-nag packs run on this stage at synth, beside the claims pack and the app-wide claims checks
   * (which always run). An unacknowledged finding of any of them fails `cdk synth`.
   * @default ALL_STOCK_PACKS (AwsSolutions, NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1)
   */
  readonly stockPacks?: readonly StockPackName[];
  /** The moment the config's dates are judged against. @default - now */
  readonly now?: Date;
}

/**
 * One environment of the platform: five stacks in the primary region and two in the recovery region, checked by
 * the claims pack, the app-wide claims checks and the chosen stock packs.
 */
export class PlatformStage extends Stage {
  readonly config: ResolvedPlatformConfig;
  readonly recovery: RecoveryStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly service: ServiceStack;
  readonly monitoring: MonitoringStack;
  /** GuardDuty, Security Hub and Access Analyzer of the primary region, per its mode in `config.threatDetection`. */
  readonly threatDetection: ThreatDetectionStack;
  /** The same singletons in the recovery region, which holds every replica and backup copy. */
  readonly recoveryThreatDetection: ThreatDetectionStack;

  constructor(scope: Construct, id: string, props: PlatformStageProps) {
    // Before the config is judged: a run that fails on it must not leave an earlier synth looking current.
    const root = scope.node.root;
    if (Stage.isStage(root)) markSynthStarted(root.outdir);
    const config = resolvePlatformConfig(props.config, props.now);
    reportProgress(`building stage ${id} (${config.primaryRegion.region}, recovery ${config.recoveryRegion.region})`);
    super(scope, id, { ...props, env: { account: config.account, region: config.primaryRegion.region } });
    this.config = config;
    // Weak cross-stack references (Fn::GetStackOutput, no export locks), the templates the library is tested with,
    // whatever the app's feature flags; an app that sets the flag itself keeps its choice ("both" migrates a
    // deployment made with strong references: deploy once with it, then remove it).
    if (this.node.tryGetContext(DEFAULT_CROSS_STACK_REFERENCES) === undefined) {
      CrossStackReferences.of(this).consume(ReferenceStrength.WEAK);
    }

    const primary = { account: config.account, region: config.primaryRegion.region };
    const recoveryEnv = { account: config.account, region: config.recoveryRegion.region };
    // The recovery region holds the vault and replica buckets the primary copies into, so it deploys first.
    this.recovery = new RecoveryStack(this, 'Recovery', { config, env: recoveryEnv });
    this.network = new NetworkStack(this, 'Network', { config, env: primary });
    this.data = new DataStack(this, 'Data', { config, env: primary, vpc: this.network.vpc });
    this.service = new ServiceStack(this, 'Service', {
      config,
      env: primary,
      vpc: this.network.vpc,
      database: {
        securityGroup: this.data.databaseSecurityGroup,
        port: this.data.databasePort,
        hostname: this.data.databaseEndpoint.hostname,
        databaseName: config.database.databaseName,
        user: this.data.databaseUser,
        clusterResourceId: this.data.databaseResourceId,
      },
      uploads: this.data.uploads,
    });
    this.monitoring = new MonitoringStack(this, 'Monitoring', { config, env: primary, now: props.now });
    this.threatDetection = new ThreatDetectionStack(this, 'ThreatDetection', {
      config,
      env: primary,
      regionRole: 'primary',
    });
    this.recoveryThreatDetection = new ThreatDetectionStack(this, 'RecoveryThreatDetection', {
      config,
      env: recoveryEnv,
      regionRole: 'recovery',
      forwardFindingsTo: config.primaryRegion.region,
    });
    this.data.addStackDependency(this.recovery, 'replication and backup copies target the recovery region');
    // Deployments from before the ThreatDetection stack had the detectors in the monitoring stack: its update must
    // remove them before this stack creates them again (account singletons). The reverse dependency is never added,
    // so the trail, the alarms and the topic deploy even when a detector collides.
    this.threatDetection.addStackDependency(this.monitoring, 'the detectors leave the monitoring stack first');
    // GuardDuty Runtime Monitoring instruments only tasks started after the detector (and its Fargate agent
    // management) exists: the workloads of the primary region deploy after its detector. Order: Recovery, Network,
    // Monitoring, ThreatDetection, Data, Service (the monitoring stack names everything it watches by fixed names, so
    // it needs neither of them first; its trail then also records the workloads' first deploy).
    this.data.addStackDependency(this.threatDetection, 'the dump task starts only once the detector instruments it');
    this.service.addStackDependency(this.threatDetection, "the first service tasks start under the region's detector");

    // Every stack of the stage, the team's own added after this constructor included, carries the platform's
    // metadata: the evidence then judges them as the synth gate does (docs/own-resources.md).
    Aspects.of(this).add({
      visit: (node) => {
        if (Stack.isStack(node)) recordPlatformMetadata(node, config);
      },
    });
    // Every resource that takes tags carries the platform's, so that Config rules judge the platform alone.
    Tags.of(this).add(PLATFORM_TAG_KEY, config.environmentName);

    Aspects.of(this).add(new ProtectLogGroups());
    const stockPackNames = props.stockPacks ?? ALL_STOCK_PACKS;
    const stockPacks = createStockPacks(this, stockPackNames);
    Validations.of(this).addPlugins(
      new ClaimsPlugin(undefined, stockPackNames),
      ...stockPacks.map((pack) => new ScopedPack(pack, this)),
    );
    // One summary of every stage's findings, by defect with its fix, printed once at the end of synth.
    addFindingsSummary(this);
    // A stack outside every PlatformStage fails synth, naming the stack and where it belongs.
    addStrayStackGate(this);
  }
}

/** Lets the evidence, which reads only templates, name the environment and every opt-out. */
function recordPlatformMetadata(stack: Stack, config: ResolvedPlatformConfig): void {
  const metadata: PlatformMetadata = {
    environment: config.environmentName,
    primaryRegion: config.primaryRegion.region,
    recoveryRegion: config.recoveryRegion.region,
    optOuts: { ...config.optOuts, ...serviceModeOptOuts(config) },
    dumpKeyFingerprint: config.dumpKey.fingerprint,
    configDigest: createHash('sha256').update(JSON.stringify(config)).digest('hex'),
  };
  stack.templateOptions.metadata = { ...stack.templateOptions.metadata, [PLATFORM_METADATA_KEY]: metadata };
}

/**
 * Each singleton not created in some region, as `<service>Mode` (the key OPT_OUTS reads), in the config's shortest
 * form: one mode for both regions, or `{ primary, recovery }`; `create` in both is the default, not listed.
 */
function serviceModeOptOuts(config: ResolvedPlatformConfig): Record<string, ServiceModeSetting> {
  return Object.fromEntries(
    (Object.keys(THREAT_DETECTION_SERVICES) as ThreatDetectionService[])
      .map(
        (service) =>
          [
            service,
            compactModes(regionalModes(`threatDetection.${service}`, config.threatDetection[service])),
          ] as const,
      )
      .filter(([, setting]) => setting !== 'create')
      .map(([service, setting]) => [serviceModeOptOutKey(service), setting]),
  );
}
