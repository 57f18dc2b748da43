import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import { NagRuleCompliance } from 'cdk-nag';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import {
  dataEventsCoverCustomerData,
  pgauditExported,
  trailMultiRegionValidatedEncrypted,
} from '../../lib/compliance/checks';
import {
  failuresOf,
  judge,
  ofType,
  passesOf,
  referenceClaimEvidence,
  scratchStack,
  weakenedReference,
  referenceFailures,
} from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

describe('MONITOR-1: wrongful employee access is caught', () => {
  test('the reference platform satisfies every MONITOR-1 rule and check', () => {
    expect(referenceFailures('MONITOR-1')).toEqual([]);
  });

  test('data events cover the upload and dump buckets and both replicas', () => {
    expect(passesOf(dataEventsCoverCustomerData, referenceAssembly())).toEqual([
      expect.stringMatching(/^bucket ref-dumps-123456789012-eu-west-1: /),
      expect.stringMatching(/^bucket ref-dumps-replica-123456789012-eu-central-1: /),
      expect.stringMatching(/^bucket ref-uploads-123456789012-eu-west-1: /),
      expect.stringMatching(/^bucket ref-uploads-replica-123456789012-eu-central-1: /),
    ]);
  });

  test('the evidence marks MONITOR-1 proven and names the penalties as organisational', () => {
    const evidence = referenceClaimEvidence('MONITOR-1');
    expect(evidence.status).toBe('proven');
    expect(evidence.organisationalParts.join(' ')).toMatch(/penalties/);
  });

  test('fails when the trail is single-region, unvalidated and unencrypted', () => {
    const stack = scratchStack();
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'b',
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: false,
    });
    expect(judge(trailMultiRegionValidatedEncrypted, stack)).toEqual([
      ['IsMultiRegionTrail', 'EnableLogFileValidation', 'KMSKeyId', 'CloudWatchLogsLogGroupArn'],
    ]);
  });

  test('passes a trail with every property set', () => {
    const stack = scratchStack();
    new cloudtrail.CfnTrail(stack, 'Trail', {
      isLogging: true,
      s3BucketName: 'b',
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1',
      cloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:trail',
    });
    expect(judge(trailMultiRegionValidatedEncrypted, stack)).toEqual([NagRuleCompliance.COMPLIANT]);
  });

  test('fails when the trail records only writes of the customer-data buckets', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [, trail] of ofType(t.Resources, 'AWS::CloudTrail::Trail')) {
        // The customer-data selector records writes only, and the every-bucket reads selector is gone.
        trail.Properties.AdvancedEventSelectors = trail.Properties.AdvancedEventSelectors.filter(
          (s: { Name: string }) => s.Name !== 'Object reads of every bucket',
        );
        for (const s of trail.Properties.AdvancedEventSelectors)
          if (JSON.stringify(s).includes('AWS::S3::Object'))
            s.FieldSelectors.push({ Field: 'readOnly', Equals: ['false'] });
      }
    });
    expect(failuresOf(dataEventsCoverCustomerData, weak)).toEqual([
      expect.stringMatching(/^bucket ref-dumps-123456789012-eu-west-1: no trail records its object reads and writes/),
      expect.stringMatching(/^bucket ref-dumps-replica-/),
      expect.stringMatching(/^bucket ref-uploads-123456789012-eu-west-1: /),
      expect.stringMatching(/^bucket ref-uploads-replica-/),
    ]);
  });

  test('fails when the upload bucket is left out of the data event selectors', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [, trail] of ofType(t.Resources, 'AWS::CloudTrail::Trail')) {
        for (const s of trail.Properties.AdvancedEventSelectors) {
          for (const f of s.FieldSelectors)
            if (f.StartsWith)
              f.StartsWith = f.StartsWith.filter((v: unknown) => !JSON.stringify(v).includes('ref-uploads-123'));
        }
      }
    });
    expect(failuresOf(dataEventsCoverCustomerData, weak)).toEqual([
      expect.stringMatching(/^bucket ref-uploads-123456789012-eu-west-1: no trail records/),
    ]);
  });

  test('fails when there is no trail at all', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId] of ofType(t.Resources, 'AWS::CloudTrail::Trail')) delete t.Resources[logicalId];
    });
    expect(failuresOf(dataEventsCoverCustomerData, weak)).toEqual([
      'environment ref: no CloudTrail trail records data events',
    ]);
  });

  test('fails when nothing carries platform metadata', () => {
    expect(failuresOf(dataEventsCoverCustomerData, new PlatformAssembly([]))).toEqual([
      'no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('fails when pgaudit.log leaves out reads and the postgresql log is not exported', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, group] of ofType(t.Resources, 'AWS::RDS::DBClusterParameterGroup'))
        group.Properties.Parameters['pgaudit.log'] = 'all,-read';
      for (const [, cluster] of ofType(t.Resources, 'AWS::RDS::DBCluster'))
        delete cluster.Properties.EnableCloudwatchLogsExports;
    });
    expect(failuresOf(pgauditExported, weak)).toEqual([
      expect.stringMatching(
        /postgresql log not exported to CloudWatch Logs.*pgaudit\.log 'all,-read' does not cover read and write/,
      ),
    ]);
  });

  test('fails when pgaudit is not loaded', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, group] of ofType(t.Resources, 'AWS::RDS::DBClusterParameterGroup')) {
        group.Properties.Parameters.shared_preload_libraries = 'pg_stat_statements';
      }
    });
    expect(failuresOf(pgauditExported, weak)).toEqual([
      expect.stringMatching(/shared_preload_libraries does not load pgaudit/),
    ]);
  });

  test('fails when there is no database to judge', () => {
    expect(failuresOf(pgauditExported, new PlatformAssembly([]))).toEqual([
      'no PostgreSQL database cluster in the assembly, so no database audit log to judge',
    ]);
  });
});
