import { createHash } from 'crypto';
import { Aspects, Stack, Stage, StageProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PlatformConfig } from '../config/platform-config';
import { ResolvedPlatformConfig, resolvePlatformConfig } from '../config/resolve-config';
import { serviceModeOptOutKey, THREAT_DETECTION_SERVICES, ThreatDetectionService } from '../core/service-modes';
import { PLATFORM_METADATA_KEY, PlatformMetadata } from '../core/platform-metadata';
import { ClaimsPlugin } from '../compliance/gate/claims-plugin';
import { ScopedPack } from '../compliance/gate/scoped-pack';
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
  /** GuardDuty, Security Hub and Access Analyzer of the primary region, per `config.threatDetection`. */
  readonly threatDetection: ThreatDetectionStack;
  /** The same singletons in the recovery region, which holds every replica and backup copy. */
  readonly recoveryThreatDetection: ThreatDetectionStack;

  constructor(scope: Construct, id: string, props: PlatformStageProps) {
    const config = resolvePlatformConfig(props.config, props.now);
    super(scope, id, { ...props, env: { account: config.account, region: config.primaryRegion.region } });
    this.config = config;

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
    this.threatDetection = new ThreatDetectionStack(this, 'ThreatDetection', { config, env: primary });
    this.recoveryThreatDetection = new ThreatDetectionStack(this, 'RecoveryThreatDetection', {
      config,
      env: recoveryEnv,
      forwardFindingsTo: config.primaryRegion.region,
    });
    this.data.addStackDependency(this.recovery, 'replication and backup copies target the recovery region');
    this.monitoring.addStackDependency(this.service, 'alarms and data events cover what the service stack serves');
    // Deployments from before the ThreatDetection stack had the detectors in the monitoring stack: its update must
    // remove them before this stack creates them again (account singletons). The reverse dependency is never added,
    // so the trail, the alarms and the topic deploy even when a detector collides.
    this.threatDetection.addStackDependency(this.monitoring, 'the detectors leave the monitoring stack first');

    const stacks = [
      this.recovery,
      this.network,
      this.data,
      this.service,
      this.monitoring,
      this.threatDetection,
      this.recoveryThreatDetection,
    ];
    for (const stack of stacks) {
      recordPlatformMetadata(stack, config);
    }

    Aspects.of(this).add(new ProtectLogGroups());
    const stockPackNames = props.stockPacks ?? ALL_STOCK_PACKS;
    const stockPacks = createStockPacks(this, stockPackNames);
    Validations.of(this).addPlugins(
      new ClaimsPlugin(undefined, stockPackNames),
      ...stockPacks.map((pack) => new ScopedPack(pack, this)),
    );
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

/** Each singleton not created here, as `<service>Mode` (the key OPT_OUTS reads); `create` is the default, not listed. */
function serviceModeOptOuts(config: ResolvedPlatformConfig): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(THREAT_DETECTION_SERVICES) as ThreatDetectionService[])
      .filter((service) => config.threatDetection[service] !== 'create')
      .map((service) => [serviceModeOptOutKey(service), config.threatDetection[service]]),
  );
}
