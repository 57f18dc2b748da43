import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { RedundantService, RedundantServiceProps } from '../../lib/compute/redundant-service';

function build(props: Partial<RedundantServiceProps> = {}): Stack {
  // No account: zones stay tokens and nothing is looked up.
  const stack = new Stack(new App(), 'S', { env: { region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3 });
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  const listener = lb.addListener('Https', {
    port: 443,
    certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/x')],
    defaultAction: elbv2.ListenerAction.fixedResponse(404),
  });
  const dbSg = new ec2.SecurityGroup(stack, 'DbSg', { vpc, allowAllOutbound: false });
  const secret = new secretsmanager.Secret(stack, 'Stripe');
  new RedundantService(stack, 'App', {
    vpc,
    listener,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx-unprivileged:stable'),
    database: { securityGroup: dbSg, port: 5432 },
    secrets: { STRIPE_KEY: ecs.Secret.fromSecretsManager(secret) },
    ...props,
  });
  return stack;
}

describe('RedundantService', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(build());
  });

  test('runs three tasks with circuit-breaker rollback and 100% minimum healthy, in private subnets', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DesiredCount: 3,
      DeploymentConfiguration: Match.objectLike({
        MinimumHealthyPercent: 100,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });

  test('scales on CPU and never below three tasks', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 12 });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      }),
    });
  });

  test('runs the container as non-root on a read-only root filesystem, secrets only as ECS secrets', () => {
    const container = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0].Properties
      .ContainerDefinitions[0];
    expect(container.User).toBe('1000:1000');
    expect(container.ReadonlyRootFilesystem).toBe(true);
    expect(container.Environment).toBeUndefined();
    expect(container.Secrets).toEqual([expect.objectContaining({ Name: 'STRIPE_KEY' })]);
    expect(container.LogConfiguration.LogDriver).toBe('awslogs');
  });

  test('lets out only HTTPS and the database port to the database security group', () => {
    const groups = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('^Service tasks') },
    });
    const [service] = Object.values(groups);
    expect(service.Properties.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }),
    ]);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      FromPort: 5432,
      ToPort: 5432,
      DestinationSecurityGroupId: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 5432,
      ToPort: 5432,
      SourceSecurityGroupId: Match.anyValue(),
    });
  });

  test('grants through customer managed policies only, with no wildcard action', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    for (const policy of Object.values(template.findResources('AWS::IAM::ManagedPolicy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    }
  });

  test('fails when given two tasks without the opt-out', () => {
    expect(() => build({ desiredCount: 2 })).toThrow(
      /^\[RedundantService\.desiredCount\] S\/App: desiredCount = 2: at least 3 task\(s\), one per zone \(HA-1\)/,
    );
  });

  test('allows two tasks only with allowFewerThanThreeTasks', () => {
    expect(() => build({ desiredCount: 2, allowFewerThanThreeTasks: true })).not.toThrow();
  });

  test('fails when the container would run as root', () => {
    expect(() => build({ user: '0' })).toThrow(
      /\[RedundantService\.user\] .*user = "0": the container never runs as root/,
    );
  });

  test('fails when the container port is privileged', () => {
    expect(() => build({ containerPort: 80 })).toThrow(
      /\[RedundantService\.containerPort\] .*containerPort = 80: .*Fix: use an unprivileged port/,
    );
  });

  test('fails when a plain environment value is named like a credential', () => {
    expect(() => build({ environment: { DB_HOST: 'db', DB_PASSWORD: 'x', API_TOKEN: 'y' } })).toThrow(
      /\[RedundantService\.environment\] .*environment = \["DB_PASSWORD","API_TOKEN"\]: names values that look like credentials, which are never plain environment values/,
    );
  });

  test('hands settings that are not secret to the container as environment values', () => {
    const t = Template.fromStack(build({ environment: { DB_HOST: 'db.example', DB_AUTH: 'iam' } }));
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: [
            { Name: 'DB_HOST', Value: 'db.example' },
            { Name: 'DB_AUTH', Value: 'iam' },
          ],
        }),
      ],
    });
  });
});
