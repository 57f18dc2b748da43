import { assemblyModel } from '../../../lib/compliance/template/stage-model';
import { getAtt, modelOf, ref } from '../../support/check-fixtures';

/** A cluster whose master secret and endpoint another stack imports, and a join that names a bucket. */
const assembly = modelOf({
  'prod-Data': {
    Resources: {
      Cluster: { Type: 'AWS::RDS::DBCluster', Properties: {} },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      Other: { Type: 'AWS::S3::Bucket', Properties: {} },
    },
    Outputs: {
      Secret: { Value: getAtt('Cluster', 'MasterUserSecret.SecretArn'), Export: { Name: 'prod-Data:Secret' } },
      Endpoint: { Value: getAtt('Cluster', 'Endpoint.Address'), Export: { Name: 'prod-Data:Endpoint' } },
    },
  },
  'prod-Service': {
    Resources: {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: { Arns: { 'Fn::Join': ['', [getAtt('Bucket'), '/*']] } },
      },
    },
  },
});
const model = assemblyModel(assembly);
const task = model.find('prod-Service', 'Task')!;
const data = model.find('prod-Data', 'Cluster')!;

describe('StageModel.reference and mentions', () => {
  test('reference keeps the attribute an import reads, so a secret is told from an endpoint', () => {
    const secret = model.reference(task, { 'Fn::ImportValue': 'prod-Data:Secret' });
    const endpoint = model.reference(task, { 'Fn::ImportValue': 'prod-Data:Endpoint' });
    expect([secret?.resource.logicalId, secret?.attribute]).toEqual(['Cluster', 'MasterUserSecret.SecretArn']);
    expect([endpoint?.resource.logicalId, endpoint?.attribute]).toEqual(['Cluster', 'Endpoint.Address']);
    expect(model.reference(data, ref('Cluster'))?.attribute).toBeUndefined();
    expect(model.reference(task, { 'Fn::ImportValue': 'prod-Data:Nothing' })).toBeUndefined();
  });

  test('mentions finds a reference anywhere in a value, across stacks, and only to its target', () => {
    const bucket = model.find('prod-Data', 'Bucket')!;
    const other = model.find('prod-Data', 'Other')!;
    const inData = model.find('prod-Data', 'Cluster')!;
    const join = { 'Fn::Join': ['', [getAtt('Bucket'), '/*']] };
    expect(model.mentions(inData, join, bucket)).toBe(true);
    expect(model.mentions(inData, join, other)).toBe(false);
    // From another stack, a bare Ref to a logical id of the data stack is not the bucket.
    expect(model.mentions(task, join, bucket)).toBe(false);
    expect(model.mentions(task, [{ x: { 'Fn::ImportValue': 'prod-Data:Secret' } }], inData)).toBe(true);
  });
});
