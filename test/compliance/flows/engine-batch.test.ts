import {
  EngineSimulation,
  packBatch,
  policyEnginePath,
  runPolicyEngine,
} from '../../../lib/compliance/flows/policy-engine';

const OBJECT = 'arn:aws:s3:::batch-test-bucket/key';
const READ = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECT }] };
const DENY_ALL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: OBJECT }],
};

function simulation(role: string, identity: unknown, resource?: unknown): EngineSimulation {
  return {
    simulation: {
      request: {
        principal: `arn:aws:iam::123456789012:role/${role}`,
        action: 's3:GetObject',
        resource: { resource: OBJECT, accountId: '123456789012' },
        contextVariables: {},
      },
      identityPolicies: [{ name: 'identity-0', policy: identity }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resource,
    },
  };
}

describe("the engine's batch: each distinct policy document sent and validated once", () => {
  test('documents equal in text are sent once, whether or not they are the same object', () => {
    const batch = packBatch([
      simulation('a', READ),
      simulation('b', JSON.parse(JSON.stringify(READ))),
      simulation('c', READ, DENY_ALL),
    ]);
    expect(batch.policies).toEqual([READ, DENY_ALL]);
    expect(batch.simulations.map((s) => [s.identity.map((p) => p.policy), s.resource])).toEqual([
      [[0], undefined],
      [[0], undefined],
      [[0], 1],
    ]);
  });

  test('shared documents are judged per request, and an invalid one is still refused with its errors', () => {
    const enginePath = policyEnginePath()!;
    const invalid = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Maybe', Action: 's3:GetObject', Resource: OBJECT }],
    };
    const verdicts = runPolicyEngine(enginePath, [
      simulation('a', READ),
      simulation('b', READ, DENY_ALL),
      simulation('c', invalid),
      simulation('d', READ),
    ]);
    expect(verdicts.map((v) => v.overall ?? 'error')).toEqual(['Allowed', 'ExplicitlyDenied', 'error', 'Allowed']);
    expect(verdicts[2].error).toMatch(/Effect/i);
    expect(verdicts[1].decisive).toEqual([{ kind: 'deny', policy: 'resource', index: 0 }]);
  });
});
