import type { PolicyDocument, PolicyStatement } from '../../flows/authorization-model';
import {
  EngineSimulation,
  EngineVerdict,
  POLICY_ENGINE_INSTALL,
  POLICY_ENGINE_MISSING,
  policyEnginePath,
  runPolicyEngine,
} from '../../flows/policy-engine';
import { TokenResolver } from '../../flows/resolve-tokens';
import { PlatformAssembly } from '../../template/platform-assembly';
import { ModelResource, StageModel, stageModels } from '../../template/stage-model';
import { asArray } from '../../template/template-values';

/** The service that publishes to an alert topic: EventBridge for a rule's target, CloudWatch for an alarm action. */
export type PublishingService = 'events.amazonaws.com' | 'cloudwatch.amazonaws.com';

/** Which policy a request is judged by: the topic's policy (sns:Publish) or its key's policy (the data key). */
export type TopicPolicyKind = 'topic-policy' | 'topic-key-policy';

/** The IAM engine's answer for one publisher on one topic and one policy. */
export interface TopicAuthorization {
  readonly allowed: boolean;
  /** Indexes of the policy's statements that decided (the allowing ones when allowed, the denying ones otherwise). */
  readonly decisive: readonly number[];
  readonly detail: string;
}

interface Request {
  readonly key: string;
  readonly actions: readonly string[];
  readonly simulations: EngineSimulation[];
}

/** The actions each policy must allow the publisher (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html). */
const ACTIONS: Record<TopicPolicyKind, readonly string[]> = {
  'topic-policy': ['sns:Publish'],
  'topic-key-policy': ['kms:GenerateDataKey', 'kms:Decrypt'],
};

const answers = new WeakMap<StageModel, Map<string, TopicAuthorization>>();
const resolvers = new WeakMap<StageModel, TokenResolver>();

/**
 * Whether `service` may publish to `topic` for `source` (the rule or alarm) under the topic's policy or its key's
 * policy, as the IAM policy engine decides it: principal the service, aws:SourceArn the source's ARN,
 * aws:SourceAccount the account, and for the key kms:ViaService SNS of the topic's region. Answers come from one
 * engine batch per environment (see prepareTopicAuthorizations); a request outside it is evaluated alone.
 */
export function topicAuthorization(
  model: StageModel,
  kind: TopicPolicyKind,
  policyHolder: ModelResource,
  topic: ModelResource,
  service: PublishingService,
  source: ModelResource,
): TopicAuthorization {
  prepare([model]);
  const request = buildRequest(model, kind, policyHolder, topic, service, source);
  const known = answers.get(model)?.get(request.key);
  if (known) return known;
  const answer = evaluate([request])[0];
  answers.get(model)!.set(request.key, answer);
  return answer;
}

/**
 * Evaluates every publisher's requests of every environment of the assemblies in one engine batch: each rule target
 * and alarm action that is a topic of the templates, against the topic's policy and its key's policy. For many
 * variants of one platform (the generated mutation suite), one call instead of one engine round trip per variant.
 */
export function prepareTopicAuthorizations(assemblies: readonly PlatformAssembly[]): void {
  prepare(assemblies.flatMap((a) => stageModels(a)));
}

function prepare(models: readonly StageModel[]): void {
  const todo = models.filter((m) => !answers.has(m));
  if (todo.length === 0) return;
  const requests = todo.map((m) => publisherRequests(m));
  const evaluated = evaluate(requests.flat());
  let next = 0;
  todo.forEach((m, i) => {
    const byKey = new Map<string, TopicAuthorization>();
    for (const r of requests[i]) byKey.set(r.key, evaluated[next++]);
    answers.set(m, byKey);
  });
}

/** The requests of every topic the templates publish to, by rule target or alarm action. */
function publisherRequests(model: StageModel): Request[] {
  const out: Request[] = [];
  const add = (topic: ModelResource, service: PublishingService, source: ModelResource) => {
    const policies = model
      .ofType('AWS::SNS::TopicPolicy')
      .filter((p) => model.resolveAll(p, p.props.Topics).some((t) => same(t, topic)));
    if (policies.length === 1) out.push(buildRequest(model, 'topic-policy', policies[0], topic, service, source));
    const key = topic.props.KmsMasterKeyId === undefined ? undefined : model.resolve(topic, topic.props.KmsMasterKeyId);
    if (key?.type === 'AWS::KMS::Key') out.push(buildRequest(model, 'topic-key-policy', key, topic, service, source));
  };
  for (const rule of model.ofType('AWS::Events::Rule')) {
    for (const t of asArray<Record<string, unknown>>(rule.props.Targets)) {
      const topic = model.resolve(rule, t.Arn);
      if (topic?.type === 'AWS::SNS::Topic') add(topic, 'events.amazonaws.com', rule);
    }
  }
  for (const alarm of model.ofType('AWS::CloudWatch::Alarm')) {
    for (const a of model.resolveAll(alarm, alarm.props.AlarmActions)) {
      if (a.type === 'AWS::SNS::Topic') add(a, 'cloudwatch.amazonaws.com', alarm);
    }
  }
  return out;
}

function buildRequest(
  model: StageModel,
  kind: TopicPolicyKind,
  holder: ModelResource,
  topic: ModelResource,
  service: PublishingService,
  source: ModelResource,
): Request {
  const resolver = resolverOf(model);
  const region = topic.region ?? 'unknown-region';
  const account = model.environment.account ?? topic.stack.account ?? 'unknown-account';
  const arn = (r: ModelResource, attribute?: string) =>
    resolver.string(attribute ? { 'Fn::GetAtt': [r.logicalId, attribute] } : { Ref: r.logicalId }, r.stack);
  const sourceArn = arn(source, 'Arn');
  const document = policyOf(resolver, holder, kind);
  const resourceArn = kind === 'topic-policy' ? arn(topic) : arn(holder, 'Arn');
  const context: Record<string, string> = {
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': region,
    'aws:PrincipalServiceName': service,
    'aws:SourceArn': sourceArn,
    'aws:SourceAccount': account,
  };
  // SNS asks KMS for the data key on the publisher's behalf.
  if (kind === 'topic-key-policy') context['kms:ViaService'] = `sns.${region}.amazonaws.com`;
  const actions = ACTIONS[kind];
  return {
    key: JSON.stringify([kind, holder.stackName, holder.logicalId, topic.logicalId, service, sourceArn]),
    actions,
    simulations: actions.map((action): EngineSimulation => ({
      explicitKeys: Object.keys(context).filter((k) => k.startsWith('aws:Source') || k === 'kms:ViaService'),
      simulation: {
        request: {
          principal: service,
          action,
          resource: { resource: resourceArn, accountId: account },
          contextVariables: context,
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: document,
      },
    })),
  };
}

/** Every request's simulations in one engine call; each request allowed only when all its actions are. */
function evaluate(requests: readonly Request[]): TopicAuthorization[] {
  if (requests.length === 0) return [];
  const enginePath = policyEnginePath();
  if (!enginePath) {
    const detail = `${POLICY_ENGINE_MISSING}, so the policy cannot be evaluated (install it: ${POLICY_ENGINE_INSTALL})`;
    return requests.map(() => ({ allowed: false, decisive: [], detail }));
  }
  const simulations = requests.flatMap((r) => r.simulations);
  let verdicts: EngineVerdict[];
  try {
    verdicts = runPolicyEngine(enginePath, simulations);
  } catch (e) {
    const detail = `the IAM policy engine did not evaluate the request (${(e as Error).message})`;
    return requests.map(() => ({ allowed: false, decisive: [], detail }));
  }
  let next = 0;
  return requests.map((r) => judge(r, verdicts.slice(next, (next += r.simulations.length))));
}

function judge(request: Request, verdicts: readonly EngineVerdict[]): TopicAuthorization {
  const service = request.simulations[0].simulation.request.principal as string;
  const refused = verdicts.findIndex((v) => v.overall !== 'Allowed');
  const statementsOf = (v: EngineVerdict) =>
    (v.decisive ?? []).filter((d) => d.policy === 'resource' && d.index >= 0).map((d) => d.index);
  if (refused >= 0) {
    const v = verdicts[refused];
    const action = request.actions[refused];
    const decisive = statementsOf(v);
    const why =
      v.error !== undefined
        ? `error: ${v.error}`
        : v.overall === 'ExplicitlyDenied'
          ? `explicitly denied by statement${decisive.length > 1 ? 's' : ''} ${decisive.join(', ')}`
          : 'implicitly denied: no statement allows it';
    return { allowed: false, decisive, detail: `IAM engine: ${service} ${action} ${why}` };
  }
  const decisive = [...new Set(verdicts.flatMap(statementsOf))].sort((a, b) => a - b);
  return {
    allowed: true,
    decisive,
    detail: `IAM engine: ${service} ${request.actions.join(', ')} allowed by statement${decisive.length > 1 ? 's' : ''} ${decisive.join(', ')}`,
  };
}

const policies = new WeakMap<ModelResource, PolicyDocument>();

/**
 * The holder's policy, resolved once: every rule and alarm that publishes to a topic is judged by the same topic and
 * key policy, and the same document object lets the engine's batch carry it once.
 */
function policyOf(resolver: TokenResolver, holder: ModelResource, kind: TopicPolicyKind): PolicyDocument {
  let document = policies.get(holder);
  if (!document) {
    const raw = kind === 'topic-policy' ? holder.props.PolicyDocument : holder.props.KeyPolicy;
    document = normalise(resolver.resolve(typeof raw === 'string' ? JSON.parse(raw) : raw, holder.stack));
    policies.set(holder, document);
  }
  return document;
}

function resolverOf(model: StageModel): TokenResolver {
  let r = resolvers.get(model);
  if (!r) {
    r = new TokenResolver(new PlatformAssembly(model.environment.stacks));
    resolvers.set(model, r);
  }
  return r;
}

function same(a: ModelResource, b: ModelResource): boolean {
  return a.stackName === b.stackName && a.logicalId === b.logicalId;
}

function normalise(resolved: unknown): PolicyDocument {
  const doc = (resolved ?? {}) as { Version?: string; Statement?: unknown };
  return { Version: doc.Version ?? '2012-10-17', Statement: asArray<PolicyStatement>(doc.Statement) };
}
