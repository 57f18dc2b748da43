import { OPT_OUTS } from '../../../core/opt-outs';
import { Check, CheckResult, fail, pass, weakened } from '../check';
import { LocatedResource, PlatformAssembly, toRef } from '../../template/platform-assembly';
import { asArray, platformEnvironments, PlatformEnvironment, prop, resourcesIn } from '../../template/template-values';

const delegation = OPT_OUTS.delegateThreatDetectionToOrganization;

/**
 * MONITOR-2: GuardDuty (with S3 data event and RDS login protection), Security Hub with the AWS Foundational
 * Security Best Practices standard, and IAM Access Analyzer are declared in the environment, or the environment
 * explicitly delegates them to an organisation-level setup (then the result says so instead of claiming them).
 */
export const threatDetectionPresentOrDelegated: Check = {
  id: 'MONITOR2-ThreatDetectionPresentOrDelegated',
  claims: ['MONITOR-2'],
  description:
    'GuardDuty (S3 and RDS protection), Security Hub with Foundational Security Best Practices and Access Analyzer are declared, or explicitly delegated to the organisation',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const environments = platformEnvironments(assembly);
    if (environments.length === 0) return [fail('no platform stack (PocketCity::Platform metadata) in the assembly')];
    return environments.flatMap(judgeEnvironment);
  },
};

function judgeEnvironment(env: PlatformEnvironment): CheckResult[] {
  if (delegation.isTaken(env.optOuts[delegation.key])) {
    return [
      weakened(
        `environment ${env.name}: explicitly delegated (${delegation.configPath} = true); GuardDuty, Security Hub and Access Analyzer are an organisation-level setup, not declared or proven here`,
      ),
    ];
  }
  return [judgeGuardDuty(env), judgeSecurityHub(env), judgeAccessAnalyzer(env)];
}

function featureEnabled(detector: LocatedResource, name: string): boolean {
  return asArray<{ Name?: string; Status?: string }>(prop(detector, 'Features')).some(
    (f) => f.Name === name && f.Status === 'ENABLED',
  );
}

function judgeGuardDuty(env: PlatformEnvironment): CheckResult {
  const detectors = resourcesIn(env.stacks, 'AWS::GuardDuty::Detector');
  if (detectors.length === 0)
    return fail(`environment ${env.name}: no GuardDuty detector and no delegation to the organisation`);
  const detector = detectors[0];
  const dataSources = (prop(detector, 'DataSources') ?? {}) as { S3Logs?: { Enable?: boolean } };
  const problems: string[] = [];
  if (prop(detector, 'Enable') !== true) problems.push('detector not enabled');
  if (!featureEnabled(detector, 'S3_DATA_EVENTS') && dataSources.S3Logs?.Enable !== true)
    problems.push('S3 protection off');
  if (!featureEnabled(detector, 'RDS_LOGIN_EVENTS')) problems.push('RDS login protection off');
  return problems.length
    ? fail(`GuardDuty detector ${detector.logicalId}: ${problems.join(', ')}`, toRef(detector))
    : pass(
        `GuardDuty detector ${detector.logicalId}: enabled with S3 data event and RDS login protection`,
        toRef(detector),
      );
}

function judgeSecurityHub(env: PlatformEnvironment): CheckResult {
  const hubs = resourcesIn(env.stacks, 'AWS::SecurityHub::Hub');
  if (hubs.length === 0) return fail(`environment ${env.name}: no Security Hub and no delegation to the organisation`);
  const fsbp = resourcesIn(env.stacks, 'AWS::SecurityHub::Standard').find((s) =>
    JSON.stringify(prop(s, 'StandardsArn') ?? '').includes('standards/aws-foundational-security-best-practices/'),
  );
  return fsbp
    ? pass(
        `Security Hub ${hubs[0].logicalId} subscribed to AWS Foundational Security Best Practices (${fsbp.logicalId})`,
        toRef(fsbp),
      )
    : fail(
        `Security Hub ${hubs[0].logicalId}: not subscribed to AWS Foundational Security Best Practices`,
        toRef(hubs[0]),
      );
}

function judgeAccessAnalyzer(env: PlatformEnvironment): CheckResult {
  const analyzer = resourcesIn(env.stacks, 'AWS::AccessAnalyzer::Analyzer').find((a) =>
    ['ACCOUNT', 'ORGANIZATION'].includes(String(prop(a, 'Type'))),
  );
  return analyzer
    ? pass(`IAM Access Analyzer ${analyzer.logicalId} (${String(prop(analyzer, 'Type'))})`, toRef(analyzer))
    : fail(`environment ${env.name}: no IAM Access Analyzer and no delegation to the organisation`);
}
