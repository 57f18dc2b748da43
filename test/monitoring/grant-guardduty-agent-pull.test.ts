import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { grantGuardDutyAgentPull } from '../../lib/core/grants/grant-guardduty-agent-pull';

describe('grantGuardDutyAgentPull', () => {
  const build = (region?: string) => {
    const stack = new Stack(new App(), 'S', region ? { env: { account: '123456789012', region } } : {});
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    grantGuardDutyAgentPull(role, role);
    return Template.fromStack(stack);
  };

  test("lets the execution role pull from GuardDuty's agent repository of the stack's region only", () => {
    build('eu-west-1').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ecr:eu-west-1:694911143906:repository/aws-guardduty-agent-fargate',
                ],
              ],
            },
          },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        ]),
      },
    });
  });

  test('fails when the region has no known GuardDuty agent repository, naming the region and the fix', () => {
    expect(() => build('ap-east-9')).toThrow(
      /^\[GuardDutyAgent\.region\] S\/Role: region = "ap-east-9": .*not known for this region\. Fix: deploy to a region listed in GUARDDUTY_FARGATE_AGENT_ACCOUNTS/,
    );
  });

  test('fails for an environment-agnostic stack, whose region is not known at synth', () => {
    expect(() => build()).toThrow(/region = "\$\{Token.*not known for this region/);
  });
});
