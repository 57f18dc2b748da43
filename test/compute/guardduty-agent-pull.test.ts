import { referenceAcknowledgments, referenceTemplate } from '../support/reference-assembly';
import { Match } from 'aws-cdk-lib/assertions';

describe("the service's execution role and GuardDuty's runtime agent", () => {
  test("may pull the agent from GuardDuty's repository of the region", () => {
    referenceTemplate('Service').hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AppExecutionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            // Beside the repository of the default image the service builds.
            Resource: Match.arrayWith(['arn:aws:ecr:eu-west-1:694911143906:repository/aws-guardduty-agent-fargate']),
          }),
          Match.objectLike({ Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        ]),
      },
    });
  });

  test('the Resource::* of ecr:GetAuthorizationToken is acknowledged with a reason, under MONITOR-2', () => {
    const acks = referenceAcknowledgments().filter(
      (a) =>
        a.constructPath === '/ref/Service/App/ExecutionRole/GrantsPolicy' &&
        a.id === 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    );
    expect(acks.map((a) => a.claim)).toEqual(['MONITOR-2']);
    expect(acks[0].reason).toMatch(/GetAuthorizationToken has no resource type/);
  });
});
