import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3express from 'aws-cdk-lib/aws-s3express';
import { Duration } from 'aws-cdk-lib';
import { NagRuleCompliance } from 'cdk-nag';
import { auroraInstancesInDistinctZones, noSingleZoneStorage } from '../../lib/compliance/checks';
import { checksOf, judge, referenceClaimStatus, referenceRuleResults, scratchStack } from '../support/claims-support';

function cluster(zones: (string | undefined)[]) {
  const stack = scratchStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const [writer, ...readers] = zones.map((z, i) => rds.ClusterInstance.provisioned(`I${i}`, { availabilityZone: z }));
  new rds.DatabaseCluster(stack, 'Db', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_4 }),
    writer,
    readers,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  });
  return stack;
}

describe('DATA-1: written to multiple disks instantly', () => {
  test('the reference platform satisfies every DATA-1 rule, with results to show', () => {
    const { rules } = checksOf('DATA-1');
    const results = referenceRuleResults(rules);
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    for (const rule of rules)
      expect(results.filter((r) => r.ruleId === rule.id && r.status === 'pass').length).toBeGreaterThan(0);
  });

  test('the evidence marks DATA-1 proven', () => {
    expect(referenceClaimStatus('DATA-1').status).toBe('proven');
  });

  test('a writer and two readers in three zones is compliant', () => {
    expect(judge(auroraInstancesInDistinctZones, cluster(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']))).toEqual([
      NagRuleCompliance.COMPLIANT,
    ]);
  });

  test('fails when two instances share a zone', () => {
    expect(judge(auroraInstancesInDistinctZones, cluster(['eu-west-1a', 'eu-west-1a', 'eu-west-1b']))).toEqual([
      ['FewerThanThreeDistinctZones'],
    ]);
  });

  test('fails when the cluster has a writer only, in no named zone', () => {
    expect(judge(auroraInstancesInDistinctZones, cluster([undefined]))).toEqual([
      ['FewerThanThreeInstances', 'InstanceWithoutNamedZone', 'FewerThanThreeDistinctZones'],
    ]);
  });

  test('fails when a database is a standalone instance', () => {
    const stack = scratchStack();
    new rds.CfnDBInstance(stack, 'Single', {
      engine: 'postgres',
      dbInstanceClass: 'db.t4g.micro',
      allocatedStorage: '20',
    });
    expect(judge(auroraInstancesInDistinctZones, stack)).toEqual([['StandaloneInstanceNotAurora']]);
  });

  test('fails when a lifecycle rule moves objects to ONEZONE_IA', () => {
    const stack = scratchStack();
    new s3.Bucket(stack, 'B', {
      lifecycleRules: [
        {
          transitions: [
            { storageClass: s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          ],
        },
      ],
    });
    expect(judge(noSingleZoneStorage, stack)).toEqual([['OneZoneStorageClass']]);
  });

  test('fails when an S3 Express One Zone bucket is declared', () => {
    const stack = scratchStack();
    new s3.CfnBucket(stack, 'Ok');
    new s3express.CfnDirectoryBucket(stack, 'Express', {
      dataRedundancy: 'SingleAvailabilityZone',
      locationName: 'euw1-az1',
    });
    expect(judge(noSingleZoneStorage, stack)).toEqual([NagRuleCompliance.COMPLIANT, ['S3ExpressOneZoneBucket']]);
  });
});
