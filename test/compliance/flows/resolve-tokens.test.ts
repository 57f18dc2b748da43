import { PlatformAssembly, StackTemplate } from '../../../lib/compliance/template/platform-assembly';
import { TokenResolver, UNRESOLVED } from '../../../lib/compliance/flows/resolve-tokens';

const stack = (stackName: string, region: string, template: StackTemplate['template']): StackTemplate => ({
  stackName,
  constructPath: `env/${stackName.split('-')[1]}`,
  account: '111122223333',
  region,
  templatePath: `${stackName}.template.json`,
  template,
});

describe('TokenResolver', () => {
  const data = stack('env-Data', 'eu-west-1', {
    Resources: {
      Key: { Type: 'AWS::KMS::Key' },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'my-bucket' } },
      Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'my-role', Path: '/svc/' } },
    },
    Outputs: {
      KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] } },
      Exported: { Value: 'x', Export: { Name: 'the-export' } },
    },
  });
  const other = stack('env-Service', 'eu-central-1', { Resources: {} });
  const resolver = new TokenResolver(new PlatformAssembly([data, other]));

  test('resolves pseudo parameters, Ref, GetAtt, Join, Sub, Select and Split, and drops AWS::NoValue', () => {
    expect(
      resolver.resolve(
        {
          Statement: [
            {
              Resource: [
                { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
                { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x-${AWS::Region}' },
                { 'Fn::Sub': ['${B}-${Role.Arn}', { B: { Ref: 'Bucket' } }] },
                { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] },
                { Ref: 'AWS::NoValue' },
              ],
              Principal: { AWS: { 'Fn::GetAtt': ['Role', 'Arn'] } },
            },
          ],
        },
        data,
      ),
    ).toEqual({
      Statement: [
        {
          Resource: [
            'arn:aws:s3:::my-bucket/*',
            'arn:aws:iam::111122223333:role/x-eu-west-1',
            'my-bucket-arn:aws:iam::111122223333:role/svc/my-role',
            'b',
          ],
          Principal: { AWS: 'arn:aws:iam::111122223333:role/svc/my-role' },
        },
      ],
    });
  });

  test('resolves Fn::GetStackOutput across stacks and regions and Fn::ImportValue to the same ARN as the local GetAtt', () => {
    const local = resolver.string({ 'Fn::GetAtt': ['Key', 'Arn'] }, data);
    expect(local).toMatch(/^arn:aws:kms:eu-west-1:111122223333:key\/[0-9a-f-]{36}$/);
    expect(
      resolver.string(
        { 'Fn::GetStackOutput': { StackName: 'env-Data', Region: 'eu-west-1', OutputName: 'KeyArn' } },
        other,
      ),
    ).toBe(local);
    expect(resolver.string({ 'Fn::ImportValue': 'the-export' }, other)).toBe('x');
  });

  test('what no template can tell stays unresolved, so it matches no ARN', () => {
    expect(resolver.string({ Ref: 'Missing' }, data)).toMatch(new RegExp(`^${UNRESOLVED}`));
    expect(resolver.string({ 'Fn::GetStackOutput': { StackName: 'nope', OutputName: 'KeyArn' } }, other)).toMatch(
      new RegExp(`^${UNRESOLVED}`),
    );
  });
});
