import { applyMutations, PathRecord, TemplateMutation } from '../../../lib/compliance/paths';
import { EVENT_PATHS } from '../../../lib/compliance/paths/events';
import { evaluatePaths } from '../../../lib/compliance/paths/path-checks';
import type { RawJson } from '../../support/claims-support';
import { referenceAssembly } from '../../support/reference-assembly';

/**
 * The event paths read the confused-deputy conditions as AWS evaluates them: the forwarding role's trust and the
 * alert topic's policy admit EventBridge for this account's rules (aws:SourceAccount, aws:SourceArn), so the
 * reference's alerts pass, and a condition naming another account or another rule blocks the path at that hop.
 */
const OTHER_ACCOUNT = '210987654321';
const find = (records: PathRecord[], id: string) => records.find((r) => r.environment === 'ref' && r.id === id)!;
const blocked = (r: PathRecord) => r.hops.filter((h) => h.verdict === 'block').map((h) => h.hop);

/** The one role of the reference whose trust names events.amazonaws.com (the finding forwarder's). */
function forwardingRole(): { stackName: string; logicalId: string; statement: Record<string, unknown> } {
  for (const stack of referenceAssembly().stacks) {
    for (const [logicalId, r] of Object.entries(stack.template.Resources ?? {}) as [string, RawJson][]) {
      if (r.Type !== 'AWS::IAM::Role') continue;
      const statement = r.Properties.AssumeRolePolicyDocument.Statement[0];
      if ([statement.Principal?.Service].flat().includes('events.amazonaws.com'))
        return { stackName: stack.stackName, logicalId, statement };
    }
  }
  throw new Error('no role trusts events.amazonaws.com');
}

describe('event paths judge aws:SourceAccount and aws:SourceArn against the rule', () => {
  const reference = () => evaluatePaths(referenceAssembly(), EVENT_PATHS);

  test("the reference's forwarding role trusts EventBridge for this account's rules only, and the forwarded finding arrives", () => {
    const role = forwardingRole();
    expect(role.statement.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '123456789012' },
      ArnLike: { 'aws:SourceArn': expect.stringMatching(/^arn:.*:events:eu-central-1:123456789012:rule\/\*$/) },
    });
    const recovery = find(reference(), 'guardduty-high-finding-alerts@eu-central-1');
    expect(recovery.holds).toBe(true);
    expect(recovery.hops.find((h) => h.hop === 'event-forward-role')?.verdict).toBe('pass');
  });

  test("fails at the forwarding role when its trust names another account's rules", () => {
    const role = forwardingRole();
    const mutation: TemplateMutation = {
      description: 'aws:SourceAccount of another account',
      stackName: role.stackName,
      logicalId: role.logicalId,
      path: [
        'Properties',
        'AssumeRolePolicyDocument',
        'Statement',
        '0',
        'Condition',
        'StringEquals',
        'aws:SourceAccount',
      ],
      value: OTHER_ACCOUNT,
    };
    const records = evaluatePaths(applyMutations(referenceAssembly(), [mutation]), EVENT_PATHS);
    expect(blocked(find(records, 'guardduty-high-finding-alerts@eu-central-1'))).toEqual(['event-forward-role']);
    expect(find(records, 'guardduty-high-finding-alerts@eu-west-1').holds).toBe(true);
  });

  test("fails at the topic policy when the rule's statement names another account", () => {
    const hop = find(reference(), 'backup-job-failed-alerts').hops.find((h) => h.hop === 'topic-policy')!;
    const policy = referenceAssembly().stacks.find((s) => s.stackName === hop.resource!.stackName)!.template.Resources![
      hop.resource!.logicalId
    ] as RawJson;
    const statements = policy.Properties.PolicyDocument.Statement as RawJson[];
    const mutations: TemplateMutation[] = statements.flatMap((s, i) =>
      s.Condition?.StringEquals?.['aws:SourceAccount']
        ? [
            {
              description: `statement ${i}: aws:SourceAccount of another account`,
              stackName: hop.resource!.stackName,
              logicalId: hop.resource!.logicalId,
              path: [
                'Properties',
                'PolicyDocument',
                'Statement',
                String(i),
                'Condition',
                'StringEquals',
                'aws:SourceAccount',
              ],
              value: OTHER_ACCOUNT,
            },
          ]
        : [],
    );
    expect(mutations.length).toBeGreaterThan(1);
    const records = evaluatePaths(applyMutations(referenceAssembly(), mutations), EVENT_PATHS);
    expect(blocked(find(records, 'backup-job-failed-alerts'))).toEqual(['topic-policy']);
  });
  describe('the topic policy and its key policy are judged by the IAM policy engine', () => {
    const topicPolicy = () => {
      const hop = find(reference(), 'backup-job-failed-alerts').hops.find((h) => h.hop === 'topic-policy')!;
      const policy = referenceAssembly().stacks.find((s) => s.stackName === hop.resource!.stackName)!.template
        .Resources![hop.resource!.logicalId] as RawJson;
      return { hop, statements: policy.Properties.PolicyDocument.Statement as RawJson[] };
    };
    const withStatement = (extra: RawJson): TemplateMutation => {
      const { hop, statements } = topicPolicy();
      return {
        description: 'a Deny statement appended',
        stackName: hop.resource!.stackName,
        logicalId: hop.resource!.logicalId,
        path: ['Properties', 'PolicyDocument', 'Statement'],
        value: [...statements, extra],
      };
    };

    test("the reference's topic and key hops name the engine's decisive statements", () => {
      const hops = find(reference(), 'backup-job-failed-alerts').hops;
      expect(hops.find((h) => h.hop === 'topic-policy')?.detail).toMatch(
        /IAM engine: events\.amazonaws\.com sns:Publish allowed by statements? \d/,
      );
      expect(hops.find((h) => h.hop === 'topic-key-policy')?.detail).toMatch(
        /IAM engine: events\.amazonaws\.com kms:GenerateDataKey, kms:Decrypt allowed by statements? \d/,
      );
    });

    test("passes when a Deny keeps out every other account's sources (StringNotEquals aws:SourceAccount)", () => {
      const deny = {
        Sid: 'DenyOtherAccountsSources',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:SourceAccount': '123456789012' } },
      };
      const records = evaluatePaths(applyMutations(referenceAssembly(), [withStatement(deny)]), EVENT_PATHS);
      expect(find(records, 'backup-job-failed-alerts').holds).toBe(true);
    });

    test('fails at the topic policy, naming the Deny, when a statement denies EventBridge outright', () => {
      const deny = {
        Sid: 'DenyEvents',
        Effect: 'Deny',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:*',
        Resource: '*',
      };
      const records = evaluatePaths(applyMutations(referenceAssembly(), [withStatement(deny)]), EVENT_PATHS);
      const path = find(records, 'backup-job-failed-alerts');
      expect(blocked(path)).toEqual(['topic-policy']);
      expect(path.hops.find((h) => h.hop === 'topic-policy')?.detail).toMatch(
        new RegExp(`explicitly denied by statement ${topicPolicy().statements.length}$`),
      );
    });
  });
});
