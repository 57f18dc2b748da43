import {
  detectorFeatureFindings,
  missingDetectorFeatures,
  ReliedOn,
  standardFindings,
} from '../../lib/cli/preflight/features-and-standards';

/**
 * What an account's own (or the organisation's) detector and hub must have where the platform relies on them, on the
 * answers' shapes as the SDK returns them (`GetDetector`, `GetEnabledStandards`). The calls are tested against moto in
 * relied-on-singletons.test.ts (GetEnabledStandards, which moto 5.2.5 does not serve, answered by the middleware).
 */
const recovery: ReliedOn = { region: 'eu-central-1', role: 'recovery', mode: 'existing' };
const enabled = (Name: string, ...extra: string[]) => ({
  Name,
  Status: 'ENABLED',
  AdditionalConfiguration: extra.map((n) => ({ Name: n, Status: 'ENABLED' })),
});
/** A detector as the platform's `create` mode would leave it (with features the platform does not ask for). */
const complete = {
  id: 'd1',
  Status: 'ENABLED',
  Features: [
    enabled('CLOUD_TRAIL'),
    enabled('S3_DATA_EVENTS'),
    enabled('RDS_LOGIN_EVENTS'),
    enabled('RUNTIME_MONITORING', 'EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT'),
  ],
};

describe("an account's GuardDuty detector", () => {
  test('with every feature the platform enables in create mode: nothing to say', () => {
    expect(detectorFeatureFindings(recovery, [complete])).toEqual([]);
  });

  test('fails when a feature is off, naming it, the region, the mode and the fix', () => {
    // GIVEN RDS login protection disabled
    const detector = {
      ...complete,
      Features: complete.Features.map((f) => (f.Name === 'RDS_LOGIN_EVENTS' ? { ...f, Status: 'DISABLED' } : f)),
    };
    // THEN
    expect(detectorFeatureFindings(recovery, [detector])).toEqual([
      {
        region: 'eu-central-1',
        kind: 'prerequisite',
        subject: 'GuardDuty detector d1',
        blocking: true,
        detail:
          "lacks RDS_LOGIN_EVENTS (RDS login protection of the database (MONITOR-2)), which MONITOR-2 relies on where threatDetection.guardDuty is 'existing' (recovery region). Enable it (aws guardduty update-detector --detector-id d1 --region eu-central-1 --features ...), or remove this detector and use 'create' for the recovery region, which declares one with them",
      },
    ]);
  });

  test('fails when runtime monitoring is on but does not manage the Fargate agent', () => {
    const detector = {
      ...complete,
      Features: complete.Features.map((f) =>
        f.Name === 'RUNTIME_MONITORING' ? enabled('RUNTIME_MONITORING', 'EKS_ADDON_MANAGEMENT') : f,
      ),
    };
    expect(missingDetectorFeatures(detector)).toEqual([
      "RUNTIME_MONITORING's ECS_FARGATE_AGENT_MANAGEMENT (runtime monitoring of the service and dump tasks (GuardDuty manages the Fargate agent))",
    ]);
  });

  test('fails when a feature is absent from the answer, or the detector is suspended', () => {
    expect(missingDetectorFeatures({ id: 'd2', Status: 'DISABLED', Features: [] }).map((m) => m.split(' ')[0])).toEqual(
      ['the', 'S3_DATA_EVENTS', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING'],
    );
  });

  test("in organization mode the fix is the delegated administrator's", () => {
    const [finding] = detectorFeatureFindings({ ...recovery, mode: 'organization' }, [{ id: 'd3', Status: 'ENABLED' }]);
    expect(finding.detail).toMatch(/the delegated administrator enables them for the members/);
  });
});

describe("an account's Security Hub", () => {
  const fsbp = (region: string, status: string) => ({
    StandardsArn: `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`,
    StandardsSubscriptionArn: `arn:aws:securityhub:${region}:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0`,
    StandardsStatus: status,
  });
  const cis = {
    StandardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
    StandardsStatus: 'READY',
  };

  test('subscribed to Foundational Security Best Practices, READY: nothing to say', () => {
    expect(standardFindings(recovery, [cis, fsbp('eu-central-1', 'READY')])).toEqual([]);
  });

  test('fails without the standard, naming it, the region and the command that enables it', () => {
    expect(standardFindings(recovery, [cis])).toEqual([
      {
        region: 'eu-central-1',
        kind: 'prerequisite',
        subject: 'Security Hub standards',
        blocking: true,
        detail:
          "lacks the AWS Foundational Security Best Practices v1.0.0 standard, which MONITOR-2 relies on where threatDetection.securityHub is 'existing' (recovery region). Enable it (aws securityhub batch-enable-standards --region eu-central-1 --standards-subscription-requests StandardsArn=arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0), or disable this hub and use 'create' for the recovery region, which subscribes to it",
      },
    ]);
  });

  test('fails when the subscription is not READY (its controls may not run)', () => {
    const [finding] = standardFindings(recovery, [fsbp('eu-central-1', 'INCOMPLETE')]);
    expect(finding.detail).toMatch(
      /^has AWS Foundational Security Best Practices v1\.0\.0 with status INCOMPLETE, not READY/,
    );
  });
});
