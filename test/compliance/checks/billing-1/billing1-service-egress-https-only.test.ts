import { serviceEgressHttpsOnly as check } from '../../../../lib/compliance/checks/billing-1/billing1-service-egress-https-only';
import { Change, edited, getAtt, modelOf, outcomes } from '../../../support/check-fixtures';

const service = {
  Resources: {
    Group: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        SecurityGroupEgress: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' },
          // CDK's "no traffic" placeholder matches nothing.
          { IpProtocol: 'icmp', FromPort: 252, ToPort: 86, CidrIp: '255.255.255.255/32' },
        ],
      },
    },
    ToDatabase: {
      Type: 'AWS::EC2::SecurityGroupEgress',
      Properties: {
        GroupId: getAtt('Group', 'GroupId'),
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        DestinationSecurityGroupId: 'sg-db',
      },
    },
    Service: {
      Type: 'AWS::ECS::Service',
      Properties: { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [getAtt('Group', 'GroupId')] } } },
    },
    // No Port: the PostgreSQL default, 5432, is the database port.
    Cluster: { Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql' } },
  },
};
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Service': edited(service, change) }));
const groups = (r: Parameters<Change>[0]) => r.Service.Properties.NetworkConfiguration.AwsvpcConfiguration;

describe('BILLING1-ServiceEgressHttpsOnly', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Service': service }))).toEqual([
      'pass Group: service Service: security group Group lets out only HTTPS and the database port to a security group',
    ]);
  });

  test('Noncompliance 1: no ECS service to judge', () => {
    expect(judged((r) => delete r.Service)).toEqual([
      'fail -: no ECS service in the assembly, so no service egress to judge',
    ]);
  });

  test('Noncompliance 2: a service without a security group', () => {
    expect(judged((r) => (groups(r).SecurityGroups = []))).toEqual([
      'fail Service: service Service: no security group to judge',
    ]);
  });

  test('Noncompliance 3: a security group outside the template', () => {
    expect(judged((r) => (groups(r).SecurityGroups = ['sg-0123']))).toEqual([
      'fail Service: service Service: security group "sg-0123" is not in its template, so its egress cannot be judged',
    ]);
  });

  test('Noncompliance 4: no egress rule at all (allow-all)', () => {
    expect(
      judged((r) => {
        delete r.Group.Properties.SecurityGroupEgress;
        delete r.ToDatabase;
      }),
    ).toEqual([
      'fail Group: service Service: security group Group declares no egress rule, which CloudFormation turns into allow-all',
    ]);
  });

  test('Noncompliance 5: all traffic out, or the database port to an address range', () => {
    const letsOut = (rule: Record<string, unknown>) => judged((r) => r.Group.Properties.SecurityGroupEgress.push(rule));
    expect(letsOut({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' })).toEqual([
      'fail Group: service Service: security group Group lets out -1 all-all to 0.0.0.0/0',
    ]);
    expect(letsOut({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.0.0.0/16' })).toEqual([
      'fail Group: service Service: security group Group lets out tcp 5432-5432 to 10.0.0.0/16',
    ]);
  });
});
