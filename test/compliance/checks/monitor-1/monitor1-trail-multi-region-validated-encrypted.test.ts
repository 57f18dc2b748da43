import { trailMultiRegionValidatedEncrypted as check } from '../../../../lib/compliance/checks/monitor-1/monitor1-trail-multi-region-validated-encrypted';
import { edited, getAtt, modelOf, verdicts } from '../../../support/check-fixtures';

const monitoring = {
  Resources: {
    Trail: {
      Type: 'AWS::CloudTrail::Trail',
      Properties: {
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        IsLogging: true,
        KMSKeyId: getAtt('Key'),
        CloudWatchLogsLogGroupArn: getAtt('TrailLogs'),
      },
    },
  },
};

describe('MONITOR1-TrailMultiRegionValidatedEncrypted', () => {
  test('Compliance', () => {
    expect(verdicts(check, modelOf({ 'prod-Monitoring': monitoring }))).toEqual(['Trail: compliant']);
  });

  test.each(Object.keys(monitoring.Resources.Trail.Properties).map((property, i) => [i + 1, property]))(
    'Noncompliance %i: no %s',
    (_n, property) => {
      const trail = edited(monitoring, (r) => delete r.Trail.Properties[property]);
      expect(verdicts(check, modelOf({ 'prod-Monitoring': trail }))).toEqual([`Trail: ${property}`]);
    },
  );
});
