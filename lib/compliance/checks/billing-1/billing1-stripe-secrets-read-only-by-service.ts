import { Check, CheckResult, fail, pass } from '../check';
import { isStripeSecret } from '../private/stripe-secret';
import { LocatedResource, PlatformAssembly, referencedLogicalId, toRef } from '../../template/platform-assembly';
import { asArray, prop, refersTo, resourcesIn } from '../../template/template-values';

interface Statement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Action?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * BILLING-1: the Stripe secrets exist, are encrypted with a customer managed key of the assembly, and a resource
 * policy denies reading them to every principal except roles that ECS task definitions use to receive them.
 */
export const stripeSecretsReadOnlyByService: Check = {
  id: 'BILLING1-StripeSecretsReadOnlyByService',
  claims: ['BILLING-1'],
  description:
    'Stripe secrets exist, are encrypted with a customer managed key, and are readable only by the roles of the task definitions that receive them',
  run: (assembly: PlatformAssembly): CheckResult[] => {
    const secrets = assembly.resourcesOfType('AWS::SecretsManager::Secret').filter(isStripeSecret);
    if (secrets.length === 0)
      return [fail('no Stripe secret (tagged pocketcity:credential=stripe or named for Stripe) in the assembly')];
    return secrets.map((secret) => judgeSecret(assembly, secret));
  },
};

function judgeSecret(assembly: PlatformAssembly, secret: LocatedResource): CheckResult {
  const key = assembly.resolveLocal(secret.stack, prop(secret, 'KmsKeyId'));
  if (key?.type !== 'AWS::KMS::Key') {
    return fail(`secret ${secret.logicalId}: not encrypted with a customer managed key of the assembly`, toRef(secret));
  }
  const readers = allowedReaders(secret);
  if (!readers) {
    return fail(
      `secret ${secret.logicalId}: no resource policy denies GetSecretValue to every principal but named roles, so any principal IAM allows can read it`,
      toRef(secret),
    );
  }
  const serviceRoles = taskRolesReceiving(secret);
  const strangers = readers.filter((r) => !serviceRoles.includes(r));
  if (readers.length === 0 || strangers.length > 0) {
    return fail(
      `secret ${secret.logicalId}: readable by ${strangers.length ? strangers.join(', ') : 'nobody'}, not only by roles of task definitions that receive it`,
      toRef(secret),
    );
  }
  return pass(
    `secret ${secret.logicalId}: customer managed key ${key.logicalId}; GetSecretValue denied to all but ${readers.join(', ')} (task definition roles)`,
    toRef(secret),
  );
}

/** Logical ids of the roles a Deny-all-but statement leaves able to read, or undefined when there is no such statement. */
function allowedReaders(secret: LocatedResource): string[] | undefined {
  const policies = resourcesIn([secret.stack], 'AWS::SecretsManager::ResourcePolicy').filter((p) =>
    refersTo(prop(p, 'SecretId'), secret.logicalId),
  );
  for (const policy of policies) {
    const document = (prop(policy, 'ResourcePolicy') ?? {}) as { Statement?: unknown };
    for (const s of asArray<Statement>(document.Statement)) {
      const everyone = s.Principal === '*' || JSON.stringify(s.Principal) === '{"AWS":"*"}';
      const actions = asArray<string>(s.Action);
      const denyRead = actions.includes('secretsmanager:GetSecretValue') || actions.includes('secretsmanager:*');
      const except =
        s.Condition?.StringNotEquals?.['aws:PrincipalArn'] ?? s.Condition?.ArnNotEquals?.['aws:PrincipalArn'];
      if (s.Effect === 'Deny' && everyone && denyRead && except !== undefined) {
        return asArray(except).map((v) => referencedLogicalId(v) ?? JSON.stringify(v));
      }
    }
  }
  return undefined;
}

/** Logical ids of the execution and task roles of task definitions that receive `secret` as an ECS secret. */
function taskRolesReceiving(secret: LocatedResource): string[] {
  return resourcesIn([secret.stack], 'AWS::ECS::TaskDefinition')
    .filter((td) =>
      asArray<{ Secrets?: { ValueFrom?: unknown }[] }>(prop(td, 'ContainerDefinitions')).some((c) =>
        asArray<{ ValueFrom?: unknown }>(c.Secrets).some((s) => refersTo(s.ValueFrom, secret.logicalId)),
      ),
    )
    .flatMap((td) => [referencedLogicalId(prop(td, 'ExecutionRoleArn')), referencedLogicalId(prop(td, 'TaskRoleArn'))])
    .filter((id): id is string => id !== undefined);
}
