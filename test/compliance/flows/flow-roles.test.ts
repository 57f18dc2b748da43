import { evaluateFlows, FlowTable, FlowVerdict } from '../../../lib/compliance/flows';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { PLATFORM_ROLE_METADATA_KEY, PlatformRole } from '../../../lib/core/platform-roles';
import { FlowRequirement, FORBIDDEN_FLOWS, REQUIRED_FLOWS, rolesNamedBy } from '../../../lib/core/requirements/flows';
import { RawJson, weakenedReference } from '../../support/claims-support';
import { referenceAssembly } from '../../support/reference-assembly';

const EVERY_FLOW = [...REQUIRED_FLOWS, ...FORBIDDEN_FLOWS];

/** The reference with `role`'s declarations taken away. */
function withoutDeclarations(role: PlatformRole): PlatformAssembly {
  return weakenedReference((_, template) => {
    for (const resource of Object.values<RawJson>(template.Resources)) {
      const roles: string[] | undefined = resource.Metadata?.[PLATFORM_ROLE_METADATA_KEY];
      if (roles?.includes(role)) resource.Metadata[PLATFORM_ROLE_METADATA_KEY] = roles.filter((r) => r !== role);
    }
  });
}

/** The verdicts of the flows that name `role`, and of those that do not. */
function byNaming(verdicts: readonly FlowVerdict[], role: PlatformRole) {
  const naming = verdicts.filter((v) => rolesNamedBy(v.flow).includes(role));
  expect(naming.length).toBeGreaterThan(0);
  return { naming, others: verdicts.filter((v) => !naming.includes(v)) };
}

describe('flows select principals and resources by platform role, and fail closed', () => {
  test('fails every flow naming a role declared nowhere, naming the role; the other flows still hold', () => {
    // GIVEN the reference with the dump execution role's declaration taken away
    const undeclared = withoutDeclarations('dump-execution-role');
    // WHEN the flows are evaluated
    const { naming, others } = byNaming(evaluateFlows(undeclared), 'dump-execution-role');
    // THEN each flow that names the role fails, saying which role and how often it is declared
    expect(naming.map((v) => v.flow.id)).toEqual(
      expect.arrayContaining(['dump-task-gets-registry-token', 'dump-reader-secret-read-only-by-bootstrap-and-dump']),
    );
    for (const v of naming) {
      expect(v.holds).toBe(false);
      expect(v.problem).toMatch(
        /^role 'dump-execution-role' \(.*\) is declared 0 times in environment ref; exactly one resource must declare it/,
      );
    }
    expect(others.filter((v) => !v.holds).map((v) => `${v.flow.id}: ${v.problem}`)).toEqual([]);
  });

  test('fails every flow naming a role declared twice where one is allowed, naming both resources', () => {
    // GIVEN the alert topic's role declared on the topic and on the trail's log group
    const [model] = stageModels(referenceAssembly());
    const logGroup = model.theOne('audit-trail-log-group').logicalId;
    const twice = weakenedReference((_, template) => {
      const resource = template.Resources[logGroup];
      if (resource) resource.Metadata[PLATFORM_ROLE_METADATA_KEY].push('alert-topic');
    });
    const { naming } = byNaming(evaluateFlows(twice), 'alert-topic');
    for (const v of naming) {
      expect(v.holds).toBe(false);
      expect(v.problem).toMatch(/^role 'alert-topic' \(.*\) is declared 2 times in environment ref: ref-Monitoring\//);
    }
  });

  test('an excepted role that loses its declaration is no longer excepted: the forbidden flow fails', () => {
    // break-glass-role is optional (a config may name its own), so no declaration is no problem in itself...
    const table: FlowTable = {
      required: [],
      forbidden: FORBIDDEN_FLOWS.filter((f) => f.id === 'no-role-changes-vault-policy-or-lock'),
    };
    const [verdict] = evaluateFlows(withoutDeclarations('break-glass-role'), table);
    expect(verdict.problem).toBeUndefined();
    // ...but the break-glass role is then one of "every role", and it may change the vault policy
    expect(verdict.holds).toBe(false);
    expect(
      verdict.requests.filter((r) => r.decision === 'Allowed').map((r) => r.request.principal.label),
    ).toContainEqual(expect.stringMatching(/^role ref-Recovery\/BackupBreakGlassRole/));
  });

  test('fails when the role a principal names is declared on a resource that is no IAM role', () => {
    const flow: FlowRequirement = {
      id: 'topic-as-principal',
      claim: 'MONITOR-2',
      description: 'a topic cannot call anything',
      principal: { role: 'alert-topic' },
      actions: ['sns:Publish'],
      resource: { resource: { role: 'alert-topic' } },
    };
    const [verdict] = evaluateFlows(referenceAssembly(), { required: [flow], forbidden: [] });
    expect(verdict.holds).toBe(false);
    expect(verdict.problem).toMatch(
      /^role 'alert-topic' is declared by ref-Monitoring\/SecurityAlertsTopic[0-9A-F]{8}, a AWS::SNS::Topic, not an AWS::IAM::Role/,
    );
  });

  test('every flow of the table names its roles through PlatformRole (nothing selects by logical id)', () => {
    const json = JSON.stringify(EVERY_FLOW);
    expect(json).not.toMatch(/"logicalId"|"stack"/);
    expect(new Set(EVERY_FLOW.flatMap(rolesNamedBy)).size).toBeGreaterThan(15);
  });
});
