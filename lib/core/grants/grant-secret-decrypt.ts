import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/**
 * Lets `grantee` decrypt `secret` with the secret's customer managed key, through Secrets Manager only, by a
 * statement on the grantee's own policy. `Secret.grantRead` cannot be relied on for this: it grants the key to a
 * `ViaServicePrincipal`, which adds nothing to a principal policy, and a key imported with `Key.fromKeyArn` has no
 * policy to add to, so the grant silently adds nothing and the secret cannot be read. Returns undefined when the
 * secret names no key (an AWS managed key needs no grant).
 */
export function grantSecretDecrypt(
  secret: secretsmanager.ISecret,
  grantee: iam.IGrantable,
): iam.AddToPrincipalPolicyResult | undefined {
  const key = secret.encryptionKey;
  if (!key) return undefined;
  return grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(secret).region}.amazonaws.com` } },
    }),
  );
}
