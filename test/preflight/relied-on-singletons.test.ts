import {
  CreateDetectorCommand,
  DeleteDetectorCommand,
  DetectorFeatureConfiguration,
  GuardDutyClient,
} from '@aws-sdk/client-guardduty';
import { EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PreflightFinding, PreflightReport, runPreflight } from '../../lib/cli/preflight';
import { PLATFORM_METADATA_KEY } from '../../lib/core/platform-metadata';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { copyAssembly } from './assembly-copy';
import { describeWithEmulator, MotoServer, startMoto } from './moto-server';
import { Answers, answering, UNSERVED } from './unserved-calls';

/**
 * Where the platform relies on the account's own GuardDuty and Security Hub (`existing`), the preflight reads the
 * detector's features (`GetDetector`, served by moto) and the hub's standards (`GetEnabledStandards`, which moto
 * 5.2.5 does not serve: answered by the middleware, or left unanswered to see the preflight fail closed). One account
 * (the reference's, 123456789012) with a detector and a hub in both regions; the tests run in order.
 */
describeWithEmulator('preflight: the features and standards of singletons the platform relies on', () => {
  const primary = 'eu-west-1';
  const recovery = 'eu-central-1';
  let moto: MotoServer;
  let recoveryDetector: string;

  const feature = (name: string, ...extra: string[]): DetectorFeatureConfiguration => ({
    Name: name as DetectorFeatureConfiguration['Name'],
    Status: 'ENABLED',
    AdditionalConfiguration: extra.length
      ? extra.map((n) => ({ Name: n as 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }))
      : undefined,
  });

  beforeAll(async () => {
    moto = await startMoto();
    const endpoint = moto.endpoint;
    // GIVEN the primary region's detector with every feature the platform's own would have, the recovery region's
    // without RDS login protection and with runtime monitoring that does not manage the Fargate agent
    const detectors = {
      [primary]: [
        feature('S3_DATA_EVENTS'),
        feature('RDS_LOGIN_EVENTS'),
        feature('RUNTIME_MONITORING', 'ECS_FARGATE_AGENT_MANAGEMENT'),
      ],
      [recovery]: [feature('S3_DATA_EVENTS'), feature('RUNTIME_MONITORING', 'EKS_ADDON_MANAGEMENT')],
    };
    for (const [region, Features] of Object.entries(detectors)) {
      const guardDuty = new GuardDutyClient({ region, endpoint });
      const id = (await guardDuty.send(new CreateDetectorCommand({ Enable: true, Features }))).DetectorId ?? '';
      if (region === recovery) recoveryDetector = id;
      guardDuty.destroy();
      const hub = new SecurityHubClient({ region, endpoint });
      await hub.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
      hub.destroy();
    }
  });

  afterAll(() => moto.stop());

  /** The reference's templates as synthesized with these modes (the preflight reads them from the metadata). */
  const withModes = (modes: Record<string, unknown>) =>
    copyAssembly(REFERENCE_ASSEMBLY_DIR, (template) => {
      const metadata = (template as { Metadata?: Record<string, { optOuts: Record<string, unknown> }> }).Metadata?.[
        PLATFORM_METADATA_KEY
      ];
      if (metadata) Object.assign(metadata.optOuts, modes);
    });
  const preflight = (modes: Record<string, unknown>, answers: Answers) =>
    runPreflight({ outdir: withModes(modes), endpoint: moto.endpoint, middleware: answering(answers) });
  const fsbpReady: Answers = {
    ...UNSERVED,
    'SecurityHubClient.GetEnabledStandardsCommand': {
      StandardsSubscriptions: [
        {
          StandardsArn: `arn:aws:securityhub:${primary}::standards/aws-foundational-security-best-practices/v/1.0.0`,
          StandardsStatus: 'READY',
        },
      ],
    },
  };
  const about = (report: PreflightReport, subject: RegExp): PreflightFinding[] =>
    report.findings.filter((f) => subject.test(f.subject));

  test('fails on a detector that lacks a feature the claims rely on, naming the feature, the region and the fix', async () => {
    // WHEN both regions rely on the account's own detector and hub, and the hub has the standard
    const report = await preflight({ guardDutyMode: 'existing', securityHubMode: 'existing' }, fsbpReady);
    // THEN the recovery region's detector blocks, naming what it lacks; the primary's passes
    expect(about(report, /^GuardDuty detector/)).toEqual([
      {
        region: recovery,
        kind: 'prerequisite',
        subject: `GuardDuty detector ${recoveryDetector}`,
        blocking: true,
        detail: expect.stringMatching(
          new RegExp(
            `^lacks RDS_LOGIN_EVENTS \\(.*\\), RUNTIME_MONITORING's ECS_FARGATE_AGENT_MANAGEMENT \\(.*\\), which MONITOR-2 relies on where threatDetection\\.guardDuty is 'existing' \\(recovery region\\)\\. Enable them \\(aws guardduty update-detector --detector-id ${recoveryDetector} --region ${recovery} .*\\), or remove this detector and use 'create' for the recovery region`,
          ),
        ),
      },
    ]);
    expect(report.checked).toEqual(
      expect.arrayContaining([
        `GuardDuty features (${primary}): ok`,
        `GuardDuty features (${recovery})`,
        `Security Hub standards (${primary}): ok`,
        `Security Hub standards (${recovery}): ok`,
      ]),
    );
    expect(report.blocking).toBe(true);
  });

  test('fails on a hub without the Foundational Security Best Practices standard, in each region', async () => {
    // GIVEN GetEnabledStandards answered as for a hub enabled without default standards (UNSERVED)
    const report = await preflight({ guardDutyMode: 'existing', securityHubMode: 'existing' }, UNSERVED);
    expect(
      about(report, /^Security Hub standards$/).map((f) => [f.region, f.blocking, f.detail.split(',')[0]]),
    ).toEqual([
      [primary, true, 'lacks the AWS Foundational Security Best Practices v1.0.0 standard'],
      [recovery, true, 'lacks the AWS Foundational Security Best Practices v1.0.0 standard'],
    ]);
  });

  test('fails closed when the standards cannot be read (moto 5.2.5 does not serve GetEnabledStandards)', async () => {
    const unanswered = Object.fromEntries(
      Object.entries(UNSERVED).filter(([call]) => call !== 'SecurityHubClient.GetEnabledStandardsCommand'),
    );
    const report = await preflight({ guardDutyMode: 'existing', securityHubMode: 'existing' }, unanswered);
    expect(about(report, /^Security Hub standards$/)).toEqual(
      [primary, recovery].map((region) => ({
        region,
        kind: 'unknown',
        subject: 'Security Hub standards',
        blocking: true,
        detail: expect.stringMatching(/^could not be checked: /),
      })),
    );
  });

  test('reads nothing where the platform creates its own: create in both regions', async () => {
    const report = await preflight({}, fsbpReady);
    expect(report.checked.filter((c) => /features|standards/.test(c))).toEqual([]);
  });

  test('a per-region mode: the features are read where the account runs GuardDuty, and the suggestion is per region', async () => {
    // GIVEN the account runs GuardDuty in its home region only
    const guardDuty = new GuardDutyClient({ region: recovery, endpoint: moto.endpoint });
    await guardDuty.send(new DeleteDetectorCommand({ DetectorId: recoveryDetector }));
    guardDuty.destroy();
    // WHEN the config says so
    const report = await preflight({ guardDutyMode: { primary: 'existing', recovery: 'create' } }, fsbpReady);
    // THEN nothing about GuardDuty blocks, only the primary detector was read, and the suggestion keeps the regions apart
    expect(about(report, /guardDuty|GuardDuty/).filter((f) => f.kind !== 'singleton')).toEqual([]);
    expect(report.checked.filter((c) => c.startsWith('GuardDuty features'))).toEqual([
      `GuardDuty features (${primary}): ok`,
    ]);
    expect(report.suggestedThreatDetection.guardDuty).toEqual({ primary: 'existing', recovery: 'create' });
  });

  test('one mode for both regions of that account blocks where nothing runs, suggesting the per-region value', async () => {
    const report = await preflight({ guardDutyMode: 'existing' }, fsbpReady);
    expect(about(report, /^threatDetection\.guardDuty$/)).toEqual([
      {
        region: recovery,
        kind: 'mode',
        subject: 'threatDetection.guardDuty',
        blocking: true,
        detail:
          "is 'existing' but nothing runs it here: the platform would declare none and the service would be off. Set threatDetection.guardDuty to { primary: 'existing', recovery: 'create' } (or enable it in the account first)",
      },
    ]);
  });
});
