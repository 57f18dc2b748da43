import { AwsSession, errorText } from '../../preflight/session';
import { Reading } from '../fact';
import { NotEstablished } from './not-readable';

const SETTLED = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE'];

/**
 * A platform stack as deployed (`DescribeStacks`): settled on its templates (not rolled back, not mid-update), and
 * its last drift detection IN_SYNC, whose time is the fact's. verify never starts a drift detection (not read-only);
 * a stack whose drift was never detected is UNKNOWN.
 */
export async function readStackDrift(aws: AwsSession, region: string, stackName: string): Promise<Reading> {
  const { CloudFormationClient, DescribeStacksCommand } = aws.sdk.cloudFormation;
  const cloudFormation = aws.open(new CloudFormationClient(aws.config(region)));
  const base = { region, subject: stackName };
  let stack;
  try {
    stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (e) {
    // CloudFormation answers a missing stack with a ValidationError that says so.
    if (/does not exist/.test(errorText(e))) return { ...base, good: false, detail: 'is not deployed' };
    throw e;
  }
  if (!stack) return { ...base, good: false, detail: 'is not deployed' };
  const status = stack.StackStatus ?? '?';
  if (!SETTLED.includes(status)) return { ...base, good: false, detail: `is ${status}, not settled on its templates` };
  const drift = stack.DriftInformation;
  const checked = drift?.LastCheckTimestamp;
  if (drift?.StackDriftStatus === 'DRIFTED')
    return { ...base, good: false, asOf: checked, detail: `${status}, DRIFTED at the last drift detection` };
  if (drift?.StackDriftStatus !== 'IN_SYNC')
    throw new NotEstablished(
      `${status}, drift ${drift?.StackDriftStatus ?? 'not reported'}: run 'aws cloudformation detect-stack-drift --stack-name ${stackName} --region ${region}'`,
    );
  return { ...base, good: true, asOf: checked, detail: `${status}, IN_SYNC at the last drift detection` };
}
