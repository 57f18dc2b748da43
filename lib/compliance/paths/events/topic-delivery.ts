import { asArray } from '../../template/template-values';
import type { ModelResource, StageModel } from '../../template/stage-model';
import type { HopRecord } from '../path-record';
import { matchesPattern } from './event-pattern';
import { HOP_MUTATIONS } from './hop-mutations';
import { GENERATED } from './policy-reader';
import { PublishingService, topicAuthorization } from './topic-authorization';

/** Who publishes to the topic: EventBridge for a rule, CloudWatch for an alarm. */
export interface Publisher {
  readonly service: PublishingService;
  readonly source: ModelResource;
  readonly sourceArn: string;
  /** The message SNS receives, for subscriptions that filter on the message body; undefined when not known. */
  readonly message?: unknown;
}

/** Protocols that reach a person (a mailbox, a phone, a paging or chat webhook). */
const PERSON_PROTOCOLS = new Set(['email', 'email-json', 'sms', 'https']);

/** The hops from a publish call to a person: topic policy, topic key policy, a subscription that delivers. */
export function topicDeliveryHops(model: StageModel, topic: ModelResource, publisher: Publisher): HopRecord[] {
  return [
    topicPolicyHop(model, topic, publisher),
    topicKeyHop(model, topic, publisher),
    subscriptionHop(model, topic, publisher),
  ];
}

function topicPolicyHop(model: StageModel, topic: ModelResource, publisher: Publisher): HopRecord {
  const policies = model.index('event-paths:topic-policies', buildTopicPolicies).get(key(topic)) ?? [];
  if (policies.length !== 1) {
    return {
      hop: 'topic-policy',
      verdict: 'block',
      detail:
        policies.length === 0
          ? `no AWS::SNS::TopicPolicy on the topic: the default policy lets only the owner account's principals publish, not ${publisher.service}`
          : `${policies.length} topic policies on one topic: which one SNS keeps cannot be told from the templates`,
      resource: topic.ref,
      property: 'PolicyDocument',
    };
  }
  return engineJudgedHop(model, 'topic-policy', policies[0], 'PolicyDocument', topic, publisher);
}

/**
 * A hop the IAM engine decides on one policy document (the topic policy, or the topic key's policy): its verdict and
 * detail are the engine's, and its mutations remove the statements the engine found decisive.
 */
function engineJudgedHop(
  model: StageModel,
  hop: 'topic-policy' | 'topic-key-policy',
  holder: ModelResource,
  documentProperty: 'PolicyDocument' | 'KeyPolicy',
  topic: ModelResource,
  publisher: Publisher,
): HopRecord {
  const statements = asArray<unknown>(
    (holder.props[documentProperty] as Record<string, unknown> | undefined)?.Statement,
  );
  const answer = topicAuthorization(model, hop, holder, topic, publisher.service, publisher.source);
  return {
    hop,
    verdict: answer.allowed ? 'pass' : 'block',
    detail: `${hop === 'topic-policy' ? 'topic policy' : 'key policy'}: ${answer.detail}`,
    resource: holder.ref,
    property: `${documentProperty}.Statement`,
    mutations: answer.allowed
      ? HOP_MUTATIONS[hop](holder, without(statements, answer.decisive), answer.decisive)
      : undefined,
  };
}

/** The statements left when the decisive ones are removed (what a mutation writes back). */
function without(statements: readonly unknown[], removed: readonly number[]): unknown[] {
  return statements.filter((_, i) => !removed.includes(i));
}

function topicKeyHop(model: StageModel, topic: ModelResource, publisher: Publisher): HopRecord {
  const keyId = topic.props.KmsMasterKeyId;
  if (keyId === undefined) {
    return {
      hop: 'topic-key-policy',
      verdict: 'pass',
      detail: 'the topic is not encrypted: no key to use',
      resource: topic.ref,
      property: 'KmsMasterKeyId',
    };
  }
  const key = model.resolve(topic, keyId);
  if (!key || key.type !== 'AWS::KMS::Key') {
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    return {
      hop: 'topic-key-policy',
      verdict: 'block',
      detail: `the topic's key (${model.text(topic, keyId) ?? 'not in the templates'}) is not a customer managed key of the templates: its policy cannot grant ${publisher.service} (an AWS managed key never does)`,
      resource: topic.ref,
      property: 'KmsMasterKeyId',
    };
  }
  return engineJudgedHop(model, 'topic-key-policy', key, 'KeyPolicy', topic, publisher);
}

interface Delivering {
  readonly describe: string;
  readonly mutations: ReturnType<(typeof HOP_MUTATIONS)['topic-subscription']>;
  readonly resource: ModelResource;
}

function subscriptionHop(model: StageModel, topic: ModelResource, publisher: Publisher): HopRecord {
  const delivering: Delivering[] = [];
  const dropped: string[] = [];
  for (const s of model.index('event-paths:subscriptions', buildSubscriptions).get(key(topic)) ?? []) {
    const protocol = String(s.props.Protocol ?? '');
    const why = !PERSON_PROTOCOLS.has(protocol)
      ? `protocol ${protocol} reaches no person`
      : filterDrops(s.props, publisher.message);
    if (why) dropped.push(`${s.logicalId}: ${why}`);
    else
      delivering.push({
        describe: `${protocol} ${model.text(s, s.props.Endpoint) ?? ''}`.trim(),
        resource: s,
        mutations: HOP_MUTATIONS['topic-subscription'](s),
      });
  }
  asArray<Record<string, unknown>>(topic.props.Subscription).forEach((s, i) => {
    const protocol = String(s.Protocol ?? '');
    if (!PERSON_PROTOCOLS.has(protocol)) dropped.push(`Subscription[${i}]: protocol ${protocol} reaches no person`);
    else
      delivering.push({
        describe: `${protocol} ${model.text(topic, s.Endpoint) ?? ''}`.trim(),
        resource: topic,
        mutations: HOP_MUTATIONS['topic-inline-subscription'](topic, i),
      });
  });
  if (delivering.length === 0) {
    return {
      hop: 'topic-subscription',
      verdict: 'block',
      detail: `no subscription delivers to a person${dropped.length ? ` (${dropped.join('; ')})` : ''}`,
      resource: topic.ref,
      property: 'AWS::SNS::Subscription',
    };
  }
  return {
    hop: 'topic-subscription',
    verdict: 'pass',
    detail: `delivered to ${delivering.map((d) => d.describe).join(', ')} (each confirms its subscription once)${delivering.length > 1 ? '; several deliver, so removing one leaves the others' : ''}`,
    resource: delivering[0].resource.ref,
    property: 'Protocol, FilterPolicy',
    // With several subscriptions no single change silences the topic; the hop then has no generated mutation.
    mutations: delivering.length === 1 ? delivering[0].mutations : undefined,
  };
}

/**
 * Why a subscription's filter policy drops the message, or undefined when it delivers. A policy on message
 * attributes (the default scope) drops every message without attributes, which is all EventBridge and CloudWatch
 * send (https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html).
 */
function filterDrops(props: Record<string, unknown>, message: unknown): string | undefined {
  const policy = props.FilterPolicy;
  if (policy === undefined) return undefined;
  if (props.FilterPolicyScope !== 'MessageBody')
    return 'filter policy on message attributes, which these messages do not carry';
  if (message === undefined) return 'filter policy on the message body, which is not known here';
  try {
    return matchesPattern(typeof policy === 'string' ? JSON.parse(policy) : policy, message)
      ? undefined
      : 'filter policy drops the message';
  } catch (e) {
    return `filter policy not evaluated: ${(e as Error).message}`;
  }
}

function key(r: ModelResource): string {
  return `${r.stackName}/${r.logicalId}`;
}

function buildTopicPolicies(model: StageModel): Map<string, ModelResource[]> {
  const byTopic = new Map<string, ModelResource[]>();
  for (const p of model.ofType('AWS::SNS::TopicPolicy')) {
    for (const t of model.resolveAll(p, p.props.Topics)) byTopic.set(key(t), [...(byTopic.get(key(t)) ?? []), p]);
  }
  return byTopic;
}

function buildSubscriptions(model: StageModel): Map<string, ModelResource[]> {
  const byTopic = new Map<string, ModelResource[]>();
  for (const s of model.ofType('AWS::SNS::Subscription')) {
    const t = model.resolve(s, s.props.TopicArn);
    if (t) byTopic.set(key(t), [...(byTopic.get(key(t)) ?? []), s]);
  }
  return byTopic;
}

/** The ARN of a rule or alarm as aws:SourceArn carries it; a generated name stands as GENERATED. */
export function sourceArnOf(model: StageModel, r: ModelResource): string {
  const account = model.environment.account ?? GENERATED;
  if (r.type === 'AWS::Events::Rule') {
    return `arn:aws:events:${r.region}:${account}:rule/${model.text(r, r.props.Name) ?? GENERATED}`;
  }
  return `arn:aws:cloudwatch:${r.region}:${account}:alarm:${model.text(r, r.props.AlarmName) ?? GENERATED}`;
}
