import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { grantSecretDecrypt } from '../../lib/core/grants/grant-secret-decrypt';

describe('grantSecretDecrypt', () => {
  const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
  const build = (grant: (secret: secretsmanager.ISecret, role: iam.Role) => void) => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const secret = secretsmanager.Secret.fromSecretAttributes(stack, 'Secret', {
      secretCompleteArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', keyArn),
    });
    grant(secret, role);
    return Template.fromStack(stack);
  };
  const decrypt = {
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: keyArn,
    Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
  };

  test('Secret.grantRead on a key imported with Key.fromKeyArn grants no decrypt anywhere (why this helper exists)', () => {
    const template = build((secret, role) => secret.grantRead(role));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt' })])) },
    });
  });

  test("adds kms:Decrypt on the secret's key, through Secrets Manager only, to the grantee's policy", () => {
    const template = build((secret, role) => {
      secret.grantRead(role);
      grantSecretDecrypt(secret, role);
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([decrypt]) },
    });
  });
});
