import type { KeyProps } from '../../template/cfn/kms';
import type { SecretProps, SecretResourcePolicyProps } from '../../template/cfn/secretsmanager';
import type { TaskDefinitionProps } from '../../template/cfn/ecs';
import type { PlatformAssembly } from '../../template/platform-assembly';
import { assemblyModel, ModelResource, StageModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { Check, CheckResult, fail, pass } from '../check';
import { isStripeSecret } from '../private/stripe-secret';
import { referenceName, statementsOf } from '../resource-readers';

type Secret = ModelResource<SecretProps>;

/** A principal a policy names: the resource it resolves to, when the model holds it, and how results name it. */
interface Reader {
  readonly resource?: ModelResource<unknown>;
  readonly name: string;
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
    const model = assemblyModel(assembly);
    const secrets = model
      .ofType<SecretProps>('AWS::SecretsManager::Secret')
      .filter((secret) => isStripeSecret(model, secret));
    if (secrets.length === 0)
      return [fail('no Stripe secret (tagged pocketcity:credential=stripe or named for Stripe) in the assembly')];
    return secrets.map((secret) => judgeSecret(model, secret));
  },
};

function judgeSecret(model: StageModel, secret: Secret): CheckResult {
  const key = model.resolve<KeyProps>(secret, secret.props.KmsKeyId);
  if (key?.type !== 'AWS::KMS::Key') {
    return fail(`secret ${secret.logicalId}: not encrypted with a customer managed key of the assembly`, secret.ref);
  }
  const readers = allowedReaders(model, secret);
  if (!readers) {
    return fail(
      `secret ${secret.logicalId}: no resource policy denies GetSecretValue to every principal but named roles, so any principal IAM allows can read it`,
      secret.ref,
    );
  }
  const serviceRoles = taskRolesReceiving(model, secret);
  const strangers = readers.filter((r) => r.resource === undefined || !serviceRoles.has(r.resource));
  if (readers.length === 0 || strangers.length > 0) {
    return fail(
      `secret ${secret.logicalId}: readable by ${strangers.length ? strangers.map((r) => r.name).join(', ') : 'nobody'}, not only by roles of task definitions that receive it`,
      secret.ref,
    );
  }
  return pass(
    `secret ${secret.logicalId}: customer managed key ${key.logicalId}; GetSecretValue denied to all but ${readers.map((r) => r.name).join(', ')} (task definition roles)`,
    secret.ref,
  );
}

/** The principals a Deny-all-but statement leaves able to read, or undefined when there is no such statement. */
function allowedReaders(model: StageModel, secret: Secret): Reader[] | undefined {
  const policies = model
    .ofType<SecretResourcePolicyProps>('AWS::SecretsManager::ResourcePolicy')
    .filter((p) => model.resolve(p, p.props.SecretId) === secret);
  for (const policy of policies) {
    for (const s of statementsOf(policy.props.ResourcePolicy)) {
      const everyone = s.Principal === '*' || JSON.stringify(s.Principal) === '{"AWS":"*"}';
      const actions = asArray(s.Action);
      const denyRead = actions.includes('secretsmanager:GetSecretValue') || actions.includes('secretsmanager:*');
      const except =
        s.Condition?.StringNotEquals?.['aws:PrincipalArn'] ?? s.Condition?.ArnNotEquals?.['aws:PrincipalArn'];
      if (s.Effect === 'Deny' && everyone && denyRead && except !== undefined) {
        return asArray(except).map((v): Reader => {
          const resource = model.resolve(policy, v);
          return { resource, name: resource?.logicalId ?? referenceName(v) };
        });
      }
    }
  }
  return undefined;
}

/** The execution and task roles of task definitions that receive `secret` as an ECS secret. */
function taskRolesReceiving(model: StageModel, secret: Secret): Set<ModelResource<unknown>> {
  const roles = model
    .ofType<TaskDefinitionProps>('AWS::ECS::TaskDefinition')
    .filter((td) =>
      asArray(td.props.ContainerDefinitions).some((c) =>
        asArray(c.Secrets).some((s) => model.mentions(td, s.ValueFrom, secret)),
      ),
    )
    .flatMap((td) => [model.resolve(td, td.props.ExecutionRoleArn), model.resolve(td, td.props.TaskRoleArn)]);
  return new Set(roles.filter((r): r is ModelResource => r !== undefined));
}
