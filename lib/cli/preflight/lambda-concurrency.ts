/**
 * Lambda concurrency: a function's `ReservedConcurrentExecutions` is taken from the account's unreserved pool, and
 * `CreateFunction` fails when that leaves the pool below Lambda's minimum ("decreases account's
 * UnreservedConcurrentExecution below its minimum value"): 100, or the whole quota where the quota is lower (new
 * accounts start at 10, where any reservation fails). A failure there comes after the cluster is created, so the
 * stack rolls back into deletion protection.
 */
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { PlatformEnvironment, prop } from '../../compliance/template/template-values';
import { PreflightFinding } from './report';
import { AwsSession } from './session';

/** Lambda keeps this much of the account's concurrency unreserved (or all of it, where the quota is lower). */
export const MINIMUM_UNRESERVED = 100;

export interface TemplateFunction {
  readonly logicalId: string;
  readonly stackName: string;
  /** `ReservedConcurrentExecutions` when set to a number. */
  readonly reserved?: number;
}

/** The account's figures, as `GetAccountSettings` returns them in `AccountLimit`. */
export interface ConcurrencySettings {
  readonly ConcurrentExecutions?: number;
  readonly UnreservedConcurrentExecutions?: number;
}

/** Every Lambda function the environment's templates of one region declare. */
export function templateFunctions(env: PlatformEnvironment, region: string): TemplateFunction[] {
  return new PlatformAssembly(env.stacks.filter((s) => s.region === region))
    .resourcesOfType('AWS::Lambda::Function')
    .map((r) => {
      const reserved = prop(r, 'ReservedConcurrentExecutions');
      return {
        logicalId: r.logicalId,
        stackName: r.stackName,
        reserved: typeof reserved === 'number' ? reserved : undefined,
      };
    });
}

/**
 * Blocking findings when the templates' reservations leave the pool below Lambda's minimum, or too small for the
 * functions without a reservation to run once at the same time (custom resources of one deploy can). Judged as a first
 * deploy: a reservation of an existing function is already out of the pool AWS reports.
 */
export function concurrencyFindings(
  region: string,
  settings: ConcurrencySettings,
  functions: readonly TemplateFunction[],
): PreflightFinding[] {
  const quota = settings.ConcurrentExecutions;
  const unreserved = settings.UnreservedConcurrentExecutions;
  const subject = 'Lambda concurrency';
  if (quota === undefined || unreserved === undefined)
    return [
      {
        region,
        kind: 'unknown',
        subject,
        blocking: true,
        detail: 'could not be checked: GetAccountSettings answered without ConcurrentExecutions',
      },
    ];
  const reserving = functions.filter((f) => (f.reserved ?? 0) > 0);
  const reserved = reserving.reduce((sum, f) => sum + (f.reserved ?? 0), 0);
  const left = unreserved - reserved;
  const minimum = Math.min(MINIMUM_UNRESERVED, quota);
  const fix = `raise the Lambda quota 'Concurrent executions' (L-B99A9384) in Service Quotas, or deploy without the reservation`;
  const findings: PreflightFinding[] = [];
  if (reserved > 0 && left < minimum)
    findings.push({
      region,
      kind: 'quota',
      subject,
      blocking: true,
      detail:
        `${reserving.map((f) => `${f.stackName}/${f.logicalId}`).join(', ')} reserve${reserving.length === 1 ? 's' : ''} ${reserved} ` +
        `of the account's ${unreserved} unreserved (quota ${quota}); Lambda keeps at least ${minimum} unreserved, so ` +
        `CreateFunction fails and the stack rolls back: ${fix}`,
    });
  const shared = functions.length - reserving.length;
  if (left < shared)
    findings.push({
      region,
      kind: 'quota',
      subject,
      blocking: true,
      detail: `${shared} functions without a reservation share ${Math.max(left, 0)} unreserved executions (quota ${quota}): they cannot all run at once: ${fix}`,
    });
  return findings;
}

/** The account's concurrency figures in one region (`lambda:GetAccountSettings`); throws when they cannot be read. */
export async function concurrencySettings(aws: AwsSession, region: string): Promise<ConcurrencySettings> {
  const { LambdaClient, GetAccountSettingsCommand } = aws.sdk.lambda;
  const answer = await aws.open(new LambdaClient(aws.config(region))).send(new GetAccountSettingsCommand({}));
  return answer.AccountLimit ?? {};
}
