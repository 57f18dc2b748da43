import { ModeRegion, recordedModeIn, ServiceMode, THREAT_DETECTION_SERVICES } from '../../../core/service-modes';
import { Check, CheckResult, fail, pass, weakened, perStage } from '../check';
import type { AnalyzerProps } from '../../template/cfn/accessanalyzer';
import type { DetectorProps } from '../../template/cfn/guardduty';
import type { SecurityHubStandardProps } from '../../template/cfn/securityhub';
import type { PlatformAssembly } from '../../template/platform-assembly';
import type { ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

type Detector = 'guardDuty' | 'securityHub' | 'accessAnalyzer';

/** The resource types each singleton declares; any of them declared under another mode collides with the account's. */
const DECLARED_TYPES: Record<Detector, readonly string[]> = {
  guardDuty: ['AWS::GuardDuty::Detector'],
  securityHub: ['AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard'],
  accessAnalyzer: ['AWS::AccessAnalyzer::Analyzer'],
};

/**
 * MONITOR-2: in both regions of every environment (the recovery region holds every replica and backup copy),
 * GuardDuty (with S3 data event and RDS login protection), Security Hub with the AWS Foundational Security Best
 * Practices standard, and IAM Access Analyzer are declared, each unless its mode (`threatDetection.<service>`) says
 * the account (`existing`) or the organisation (`organization`) runs it in that region (a mode may differ by region:
 * `{ primary, recovery }`). Such a mode is reported as weakened (relied
 * on, not proven here), never as a pass; a singleton declared despite such a mode fails (the deploy would collide).
 */
export const threatDetectionPresentOrDelegated: Check = {
  id: 'MONITOR2-ThreatDetectionPresentOrDelegated',
  claims: ['MONITOR-2'],
  description:
    'In both regions, GuardDuty (S3 and RDS protection), Security Hub with Foundational Security Best Practices and Access Analyzer are declared, or their mode says the account or the organisation runs them',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    return perStage(assembly, judgeStage);
  },
};

/** The resources of one region of a stage, by type. */
type InRegion = <P>(...types: string[]) => ModelResource<P>[];

function judgeStage(model: StageModel): CheckResult[] {
  const env = model.environment;
  const regions = [env.primaryRegion, env.recoveryRegion].filter((r): r is string => typeof r === 'string');
  if (regions.length < 2) return [fail(`environment ${env.name}: its metadata names no primary and recovery region`)];
  return regions.flatMap((region, i) => {
    const inRegion: InRegion = <P>(...types: string[]) =>
      types.flatMap((type) => model.ofType<P>(type).filter((r) => r.region === region));
    const role: ModeRegion = i === 0 ? 'primary' : 'recovery';
    const where = `environment ${env.name}, ${region}`;
    return (['guardDuty', 'securityHub', 'accessAnalyzer'] as const).map((service) =>
      judgeService(service, recordedModeIn(env.optOuts, service, role), inRegion, where),
    );
  });
}

function judgeService(service: Detector, mode: ServiceMode, inRegion: InRegion, where: string): CheckResult {
  const name = THREAT_DETECTION_SERVICES[service].name;
  if (mode === 'create') return CREATE_JUDGES[service](inRegion, where);
  const declared = inRegion(...DECLARED_TYPES[service]);
  if (declared.length > 0) {
    return fail(
      `${where}: ${name} is declared (${declared[0].logicalId}) although threatDetection.${service} is '${mode}', so the deploy collides with the one already running`,
      declared[0].ref,
    );
  }
  return weakened(
    mode === 'existing'
      ? `${where}: ${name} left to the account's own (threatDetection.${service} = 'existing'); relied on, not declared or proven here`
      : `${where}: ${name} inherited from the organisation's delegated administrator (threatDetection.${service} = 'organization'); not declared or proven here`,
  );
}

const CREATE_JUDGES: Record<Detector, (inRegion: InRegion, where: string) => CheckResult> = {
  guardDuty: judgeGuardDuty,
  securityHub: judgeSecurityHub,
  accessAnalyzer: judgeAccessAnalyzer,
};

function featureEnabled(detector: ModelResource<DetectorProps>, name: string): boolean {
  return asArray(detector.props.Features).some((f) => f.Name === name && f.Status === 'ENABLED');
}

function judgeGuardDuty(inRegion: InRegion, where: string): CheckResult {
  const detectors = inRegion<DetectorProps>('AWS::GuardDuty::Detector');
  if (detectors.length === 0) return fail(`${where}: no GuardDuty detector, and threatDetection.guardDuty is 'create'`);
  const detector = detectors[0];
  const problems: string[] = [];
  if (detector.props.Enable !== true) problems.push('detector not enabled');
  if (!featureEnabled(detector, 'S3_DATA_EVENTS') && detector.props.DataSources?.S3Logs?.Enable !== true)
    problems.push('S3 protection off');
  if (!featureEnabled(detector, 'RDS_LOGIN_EVENTS')) problems.push('RDS login protection off');
  return problems.length
    ? fail(`${where}: GuardDuty detector ${detector.logicalId}: ${problems.join(', ')}`, detector.ref)
    : pass(
        `${where}: GuardDuty detector ${detector.logicalId}: enabled with S3 data event and RDS login protection`,
        detector.ref,
      );
}

function judgeSecurityHub(inRegion: InRegion, where: string): CheckResult {
  const hubs = inRegion('AWS::SecurityHub::Hub');
  if (hubs.length === 0) return fail(`${where}: no Security Hub, and threatDetection.securityHub is 'create'`);
  const fsbp = inRegion<SecurityHubStandardProps>('AWS::SecurityHub::Standard').find((s) =>
    JSON.stringify(s.props.StandardsArn ?? '').includes('standards/aws-foundational-security-best-practices/'),
  );
  return fsbp
    ? pass(
        `${where}: Security Hub ${hubs[0].logicalId} subscribed to AWS Foundational Security Best Practices (${fsbp.logicalId})`,
        fsbp.ref,
      )
    : fail(
        `${where}: Security Hub ${hubs[0].logicalId}: not subscribed to AWS Foundational Security Best Practices`,
        hubs[0].ref,
      );
}

function judgeAccessAnalyzer(inRegion: InRegion, where: string): CheckResult {
  const analyzer = inRegion<AnalyzerProps>('AWS::AccessAnalyzer::Analyzer').find(
    (a) => a.props.Type === 'ACCOUNT' || a.props.Type === 'ORGANIZATION',
  );
  return analyzer
    ? pass(`${where}: IAM Access Analyzer ${analyzer.logicalId} (${String(analyzer.props.Type)})`, analyzer.ref)
    : fail(`${where}: no IAM Access Analyzer, and threatDetection.accessAnalyzer is 'create'`);
}
