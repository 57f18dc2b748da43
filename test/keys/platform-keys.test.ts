import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKeys } from '../../lib/keys/platform-keys';

function build(props: Partial<ConstructorParameters<typeof PlatformKeys>[2]> = {}) {
  const stack = new Stack(new App(), 'K', { env: { account: '123456789012', region: 'eu-west-1' } });
  const keys = new PlatformKeys(stack, 'Keys', { aliasPrefix: 'alias/test/primary', ...props });
  return { stack, keys };
}

describe('PlatformKeys', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(build().stack);
  });

  test('creates one rotating, retained key per purpose with a deterministic alias', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(3);
    for (const k of Object.values(keys)) {
      expect(k.Properties.EnableKeyRotation).toBe(true);
      expect(k.Properties.PendingWindowInDays).toBe(30);
      expect(k.DeletionPolicy).toBe('Retain');
      expect(k.UpdateReplacePolicy).toBe('Retain');
    }
    for (const purpose of ['data', 'backup', 'logs']) {
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/test/primary/${purpose}` });
    }
  });

  test('lets CloudWatch Logs use only the logs key, only for log groups of this account and region', () => {
    const statements = Object.values(template.findResources('AWS::KMS::Key')).map((k) =>
      JSON.stringify(k.Properties.KeyPolicy),
    );
    const withLogs = statements.filter((s) => s.includes('logs.eu-west-1.amazonaws.com'));
    expect(withLogs).toHaveLength(1);
    expect(withLogs[0]).toContain(':logs:eu-west-1:123456789012:log-group:*');
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  test('fails when the alias prefix is not an alias', () => {
    expect(() => build({ aliasPrefix: 'test/primary' })).toThrow(
      /\[PlatformKeys\.aliasPrefix\] .*aliasPrefix = "test\/primary": is not a KMS alias prefix/,
    );
  });

  test('fails when the pending window is outside 7-30 days', () => {
    expect(() => build({ pendingWindowDays: 3 })).toThrow(
      /\[PlatformKeys\.pendingWindowDays\] .*pendingWindowDays = 3: is outside 7-30/,
    );
  });
});
