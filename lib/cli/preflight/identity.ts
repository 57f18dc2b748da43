import { AwsSession } from './session';

/**
 * The account of the credentials (`sts:GetCallerIdentity`, which needs no permission): the first call of a run, so
 * that missing or expired credentials stop it before anything else is asked. Throws when there are none.
 */
export async function callerAccount(aws: AwsSession, region: string): Promise<string> {
  const { STSClient, GetCallerIdentityCommand } = aws.sdk.sts;
  const identity = await aws.open(new STSClient(aws.config(region))).send(new GetCallerIdentityCommand({}));
  if (!identity.Account) throw new Error('GetCallerIdentity answered without an account');
  return identity.Account;
}
