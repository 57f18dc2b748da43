import type { ContainerDefinition, TaskDefinitionProps } from '../template/cfn/ecs';
import type { PolicyDocument, PolicyStatement } from '../template/cfn/iam';
import type { BucketPolicyProps } from '../template/cfn/s3';
import type { SecretResourcePolicyProps } from '../template/cfn/secretsmanager';
import type { TopicPolicyProps } from '../template/cfn/sns';
import type { QueuePolicyProps } from '../template/cfn/sqs';
import type { ModelResource, StageModel } from '../template/stage-model';
import { asArray } from '../template/template-values';

/** Readers the per-resource checks share, all through the typed model. */

/** The statements of a policy document (one statement or a list). */
export function statementsOf(document: PolicyDocument | undefined): PolicyStatement[] {
  return asArray<PolicyStatement>(document?.Statement);
}

/** A resource policy of any of the kinds below: each kind reads only its own fields. */
type GoverningPolicyProps = QueuePolicyProps & TopicPolicyProps & SecretResourcePolicyProps & BucketPolicyProps;

interface GoverningPolicy {
  readonly type: string;
  /** The resource(s) the policy governs. */
  readonly targets: (p: GoverningPolicyProps) => unknown;
  readonly document: (p: GoverningPolicyProps) => PolicyDocument | undefined;
}

/** Where a resource policy names the resources it governs, and its document, by the type of those resources. */
const GOVERNING_POLICY_OF: Readonly<Record<string, GoverningPolicy>> = {
  'AWS::SQS::Queue': { type: 'AWS::SQS::QueuePolicy', targets: (p) => p.Queues, document: (p) => p.PolicyDocument },
  'AWS::SNS::Topic': { type: 'AWS::SNS::TopicPolicy', targets: (p) => p.Topics, document: (p) => p.PolicyDocument },
  'AWS::SecretsManager::Secret': {
    type: 'AWS::SecretsManager::ResourcePolicy',
    targets: (p) => p.SecretId,
    document: (p) => p.ResourcePolicy,
  },
  'AWS::S3::Bucket': { type: 'AWS::S3::BucketPolicy', targets: (p) => p.Bucket, document: (p) => p.PolicyDocument },
};

/**
 * The statements of every resource policy of the model that governs `store` (a queue, topic, secret or bucket),
 * wherever the policy stands: its target is resolved by the model, across stacks too.
 */
export function governingStatements(model: StageModel, store: ModelResource<unknown>): PolicyStatement[] {
  const policy = GOVERNING_POLICY_OF[store.type];
  if (!policy) return [];
  return model
    .ofType<GoverningPolicyProps>(policy.type)
    .filter((p) => model.resolveAll(p, policy.targets(p.props)).some((t) => t === store))
    .flatMap((p) => statementsOf(policy.document(p.props)));
}

/**
 * How results name a value that may not resolve in the model: the logical id a `Ref` or `Fn::GetAtt` names (a
 * resource of another template, or none), otherwise the value as JSON.
 */
export function referenceName(value: unknown): string {
  if (value && typeof value === 'object') {
    if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
    const getAtt = 'Fn::GetAtt' in value ? value['Fn::GetAtt'] : undefined;
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return JSON.stringify(value);
}

/** One container of a task definition of the model. */
export interface TaskContainer {
  readonly taskDefinition: ModelResource<TaskDefinitionProps>;
  readonly container: ContainerDefinition;
  /** `RuntimePlatform.CpuArchitecture` of the task definition, when written as text. */
  readonly cpuArchitecture?: string;
}

/** Every container of every ECS task definition of the model. */
export function taskContainers(model: StageModel): TaskContainer[] {
  return model.ofType<TaskDefinitionProps>('AWS::ECS::TaskDefinition').flatMap((taskDefinition) => {
    const architecture = taskDefinition.props.RuntimePlatform?.CpuArchitecture;
    return asArray<ContainerDefinition>(taskDefinition.props.ContainerDefinitions).map((container) => ({
      taskDefinition,
      container,
      cpuArchitecture: typeof architecture === 'string' ? architecture : undefined,
    }));
  });
}
