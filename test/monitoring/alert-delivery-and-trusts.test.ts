import type { RawJson } from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';
import { ALERT_MAX_EVENT_AGE, ALERT_RETRY_ATTEMPTS } from '../../lib/monitoring/alert-topic-target';
import { SERVICE_TRUST_SOURCE_KEYS } from '../../lib/core/grants/service-trust';

/**
 * Issue 22 item 9, read on the reference platform's templates: a failed alert delivery is kept and alarmed on; the
 * service roles and the alert topic and key admit their service only for this account's resources (confused
 * deputy); every key CloudWatch Logs uses is limited to this account's log groups by encryption context.
 */
type Resource = { Type: string; Properties: Record<string, RawJson> };
const ACCOUNT = '123456789012';

function resources(type: string): [string, string, Resource][] {
  return referenceAssembly().stacks.flatMap((s) =>
    Object.entries((s.template.Resources ?? {}) as Record<string, Resource>)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]): [string, string, Resource] => [s.stackName, id, r]),
  );
}
const statements = (doc: { Statement?: unknown[] } | undefined) => (doc?.Statement ?? []) as RawJson[];
const services = (s: RawJson): string[] => [s.Principal?.Service ?? []].flat();

const alertTopic = () => {
  const [topic] = resources('AWS::SNS::Topic').filter(([, , r]) => r.Properties.DisplayName === 'Security alerts');
  return topic;
};
const targetsOf = (r: Resource) => (r.Properties.Targets ?? []) as RawJson[];
const pointsAt = (v: unknown, logicalId: string) => JSON.stringify(v) === JSON.stringify({ Ref: logicalId });

describe('alert delivery failures are kept and alarmed on', () => {
  test('every rule that targets the alert topic retries for 24 hours, then dead-letters into an encrypted queue', () => {
    const [, topicId] = alertTopic();
    const rules = resources('AWS::Events::Rule').filter(([, , r]) =>
      targetsOf(r).some((t) => pointsAt(t.Arn, topicId)),
    );
    expect(rules.length).toBeGreaterThanOrEqual(7);
    const queues = new Map(resources('AWS::SQS::Queue').map(([, id, r]) => [id, r]));
    for (const [, id, rule] of rules) {
      const target = targetsOf(rule).find((t) => pointsAt(t.Arn, topicId))!;
      expect([id, target.RetryPolicy]).toEqual([
        id,
        { MaximumRetryAttempts: ALERT_RETRY_ATTEMPTS, MaximumEventAgeInSeconds: ALERT_MAX_EVENT_AGE.toSeconds() },
      ]);
      const queueId = target.DeadLetterConfig?.Arn?.['Fn::GetAtt']?.[0] as string | undefined;
      expect([id, queueId && queues.get(queueId)?.Properties.KmsMasterKeyId]).toEqual([id, expect.anything()]);
    }
  });

  test('the dead-letter queue admits EventBridge only for those rules, and its depth and failed notifications alarm to the topic', () => {
    const [, topicId] = alertTopic();
    const [queuePolicy] = resources('AWS::SQS::QueuePolicy');
    for (const s of statements(queuePolicy[2].Properties.PolicyDocument).filter((x) =>
      services(x).includes('events.amazonaws.com'),
    ))
      expect(s.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      });
    const alarms = resources('AWS::CloudWatch::Alarm').map(([, , r]) => r.Properties);
    const alarmOn = (namespace: string, metric: string) =>
      alarms.find((a) => a.Namespace === namespace && a.MetricName === metric);
    for (const a of [
      alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible'),
      alarmOn('AWS/SNS', 'NumberOfNotificationsFailed'),
    ]) {
      expect(a).toMatchObject({ Threshold: 1, AlarmActions: [{ Ref: topicId }] });
    }
  });
});

describe('service principals act only for this account (confused deputy)', () => {
  test("the alert topic's policy admits EventBridge per rule and CloudWatch per alarm of this account", () => {
    const [, topicId] = alertTopic();
    const policy = resources('AWS::SNS::TopicPolicy').find(([, , r]) =>
      r.Properties.Topics.some((t: unknown) => pointsAt(t, topicId)),
    )!;
    const byService = statements(policy[2].Properties.PolicyDocument).filter((s) => services(s).length > 0);
    expect(byService.length).toBeGreaterThan(1);
    for (const s of byService) {
      expect(s.Condition.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT });
      expect(s.Condition.ArnEquals ?? s.Condition.ArnLike).toHaveProperty(['aws:SourceArn']);
    }
  });

  test("the alert key admits CloudWatch only for this account's alarms", () => {
    const keys = resources('AWS::KMS::Key').filter(
      ([, , r]) => r.Properties.Description === 'Encrypts the security alert topic',
    );
    const cloudwatch = statements(keys[0][2].Properties.KeyPolicy).find((s) =>
      services(s).includes('cloudwatch.amazonaws.com'),
    )!;
    expect(cloudwatch.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT },
      ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:*` },
    });
  });

  test('every role trusting a service that sends the source keys requires aws:SourceAccount; ECS task roles too', () => {
    const taskRoles = new Set(
      resources('AWS::ECS::TaskDefinition').map(([, , r]) => r.Properties.TaskRoleArn?.['Fn::GetAtt']?.[0] as string),
    );
    const confined = new Set(Object.keys(SERVICE_TRUST_SOURCE_KEYS).filter((s) => s !== 'ecs-tasks.amazonaws.com'));
    const unconfined: string[] = [];
    let judged = 0;
    for (const [stack, id, role] of resources('AWS::IAM::Role')) {
      for (const s of statements(role.Properties.AssumeRolePolicyDocument)) {
        const must = services(s).some((svc) => confined.has(svc)) || (taskRoles.has(id) && services(s).length > 0);
        if (!must) continue;
        judged++;
        if (s.Condition?.StringEquals?.['aws:SourceAccount'] !== ACCOUNT)
          unconfined.push(`${stack}/${id} ${services(s).join(',')}`);
      }
    }
    expect(unconfined).toEqual([]);
    // The forwarding role, the scheduler, flow logs, enhanced monitoring, S3 replication (2), the two task roles.
    expect(judged).toBeGreaterThanOrEqual(8);
  });

  test('every key policy statement for CloudWatch Logs is limited to log groups of its account and region', () => {
    const loose: string[] = [];
    for (const [stack, id, key] of resources('AWS::KMS::Key')) {
      for (const s of statements(key.Properties.KeyPolicy).filter((x) =>
        services(x).some((v) => v.startsWith('logs.')),
      )) {
        const context = s.Condition?.ArnLike?.['kms:EncryptionContext:aws:logs:arn'] as string | undefined;
        if (!context?.match(new RegExp(`^arn:aws:logs:[a-z0-9-]+:${ACCOUNT}:log-group:`))) loose.push(`${stack}/${id}`);
      }
    }
    expect(loose).toEqual([]);
  });
});
