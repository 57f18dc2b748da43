import { dataEventsCoverCustomerData as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-data-events-cover-customer-data';
import { Change, classified, edited, modelOf, onPlatform, outcomes } from '../../../support/check-fixtures';

const monitoring = onPlatform({
  Resources: {
    Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'prod-uploads', Tags: classified('customer-data') } },
    Trail: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: {
        EventSelectors: [
          {
            ReadWriteType: 'All',
            DataResources: [
              {
                Type: 'AWS::S3::Object',
                Values: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prod-uploads/']] }],
              },
            ],
          },
        ],
      },
    },
  },
});
const judged = (change: Change) => outcomes(check, modelOf({ 'prod-Monitoring': edited(monitoring, change) }));
const selector = (r: Parameters<Change>[0]) => r.Trail.Properties.EventSelectors[0];
const NOT_RECORDED =
  'fail Trail: bucket prod-uploads: no trail records its object reads and writes (ReadWriteType All, whole bucket)';

describe('MONITOR1-DataEventsCoverCustomerData', () => {
  test('Compliance', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': monitoring }))).toEqual([
      'pass Trail: bucket prod-uploads: reads and writes of every object recorded by trail Trail',
    ]);
  });

  test('Noncompliance 1: no platform metadata', () => {
    expect(outcomes(check, modelOf({ 'prod-Monitoring': { Resources: monitoring.Resources } }))).toEqual([
      'fail -: no platform stack (PocketCity::Platform metadata) in the assembly',
    ]);
  });

  test('Noncompliance 2: no trail', () => {
    expect(judged((r) => delete r.Trail)).toEqual([
      'fail -: environment prod: no CloudTrail trail records data events',
    ]);
  });

  test('Noncompliance 3: writes only', () => {
    expect(judged((r) => (selector(r).ReadWriteType = 'WriteOnly'))).toEqual([NOT_RECORDED]);
  });

  test('Noncompliance 4: a prefix of the bucket only', () => {
    expect(judged((r) => (selector(r).DataResources[0].Values = ['arn:aws:s3:::prod-uploads/private/']))).toEqual([
      NOT_RECORDED,
    ]);
  });

  test('Noncompliance 5: a customer-data bucket whose name the template does not give', () => {
    const dumps: Change = (r) =>
      (r.Dumps = { Type: 'AWS::S3::Bucket', Properties: { Tags: classified('database-dump') } });
    expect(judged(dumps)).toEqual([
      'fail Trail: bucket prod-Monitoring/Dumps (generated name): no trail records its object reads and writes (ReadWriteType All, whole bucket)',
      'pass Trail: bucket prod-uploads: reads and writes of every object recorded by trail Trail',
    ]);
    // A selector of every bucket covers it all the same.
    expect(
      judged((r) => {
        dumps(r);
        selector(r).DataResources[0].Values.push('arn:aws:s3');
      })[0],
    ).toBe(
      'pass Trail: bucket prod-Monitoring/Dumps (generated name): reads and writes of every object recorded by trail Trail',
    );
  });
});
