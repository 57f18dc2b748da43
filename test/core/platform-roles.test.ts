import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Template } from 'aws-cdk-lib/assertions';
import { declarePlatformRole, PLATFORM_ROLES, PlatformRole } from '../../lib/core/platform-roles';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { StageModel, stageModels } from '../../lib/compliance/template/stage-model';
import { referenceAssembly } from '../support/reference-assembly';

/** Each role's count in a model against its cardinality; the roles that break it, with what was found. */
function cardinalityViolations(model: StageModel): string[] {
  return (Object.keys(PLATFORM_ROLES) as PlatformRole[]).flatMap((role) => {
    const n = model.withRole(role).length;
    const ok = { one: n === 1, some: n >= 1, optional: n <= 1 }[PLATFORM_ROLES[role].cardinality];
    return ok ? [] : [`${role}: declared ${n} times (${PLATFORM_ROLES[role].cardinality})`];
  });
}

describe('platform roles', () => {
  test('every role of the reference platform is declared as often as its cardinality says', () => {
    const models = stageModels(referenceAssembly());
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) expect(cardinalityViolations(model)).toEqual([]);
  });

  test('fails when a role is declared twice (a second alert topic)', () => {
    const [model] = stageModels(referenceAssembly());
    const topic = model.theOne('alert-topic');
    const stacks = model.environment.stacks.map((s) =>
      s.stackName !== topic.stackName
        ? s
        : {
            ...s,
            template: {
              ...s.template,
              Resources: { ...s.template.Resources, SecondTopic: structuredClone(topic.resource) },
            },
          },
    );
    const [twice] = stageModels(new PlatformAssembly(stacks));
    expect(cardinalityViolations(twice)).toEqual(['alert-topic: declared 2 times (one)']);
    expect(() => twice.theOne('alert-topic')).toThrow(
      /role 'alert-topic' \(.*\) is declared 2 times in environment .*: .*SecondTopic; exactly one resource must declare it/,
    );
  });

  test('declarePlatformRole writes the role into the resource metadata, once', () => {
    const stack = new Stack(new App(), 'S');
    const topic = new sns.Topic(stack, 'Topic');
    declarePlatformRole(topic, 'alert-topic');
    declarePlatformRole(topic, 'alert-topic');
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::SNS::Topic'));
    expect(resource.Metadata['PocketCity::Roles']).toEqual(['alert-topic']);
  });

  test('fails when the construct is no CloudFormation resource', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => declarePlatformRole(stack, 'alert-topic')).toThrow(/is not a CloudFormation resource/);
  });
});
