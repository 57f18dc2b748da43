import { PreflightFinding, runPreflight } from '../../lib/cli/preflight';
import { OPTED_OUT_ASSEMBLY_DIR, REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { asAccount, buildAccount, describeWithEmulator, MotoServer, ScenarioAccount, startMoto } from './moto-server';
import { answering, UNSERVED } from './unserved-calls';

/**
 * Which `threatDetection` mode the preflight suggests, per who runs each singleton, against moto on loopback. Each
 * scenario is an account of its own built through moto's APIs (moto-accounts.py), so each also reports that the
 * credentials are not those of the reference's account. IAM Access Analyzer and Lambda's account settings, which
 * moto 5.2.5 does not emulate, are answered by a middleware as for an account where nothing is set up
 * (unserved-calls.ts). What moto cannot answer otherwise is tested on the pure functions only (modes.test.ts): a
 * GuardDuty administrator (answered in the wrong case, so the SDK reads none), a Security Hub administrator
 * (answered with a date the SDK rejects) and service-linked Config recorders (not emulated).
 */
describeWithEmulator('preflight: the mode each singleton asks for', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
  });

  afterAll(() => moto.stop());

  const accounts = new Map<string, ScenarioAccount>();
  const preflightOf = (scenario: string, outdir = REFERENCE_ASSEMBLY_DIR) => {
    const account = accounts.get(scenario) ?? buildAccount(moto.endpoint, scenario);
    accounts.set(scenario, account);
    return asAccount(account, () =>
      runPreflight({ outdir, endpoint: moto.endpoint, middleware: answering(UNSERVED) }),
    ).then((report) => ({
      account,
      report,
    }));
  };
  const ofKind = (findings: PreflightFinding[], kind: PreflightFinding['kind']) =>
    findings.filter((f) => f.kind === kind);

  test('a Security Hub member whose administrator call cannot be read: blocks, saying what it cannot tell', async () => {
    // moto 5.2.5 keeps the organisation's delegated administrator but sends InvitedAt without a time zone, which the
    // SDK rejects; in AWS the same call names the administrator (modes.test.ts covers that answer).
    const { report } = await preflightOf('securityhub-administered');
    // The member's hub runs in the primary region only (moto-accounts.py): per region.
    expect(report.suggestedThreatDetection.securityHub).toEqual({ primary: 'existing', recovery: 'create' });
    expect(report.findings).toContainEqual({
      region: 'eu-west-1',
      kind: 'unknown',
      subject: 'securityHub',
      blocking: true,
      detail: expect.stringMatching(
        /^could not be checked: its administrator \(.+\), so 'existing' cannot be told from 'organization'$/,
      ),
    });
    expect(report.blocking).toBe(true);
  });

  test('a Config recorder of Control Tower: organization', async () => {
    const { report } = await preflightOf('controltower-config');
    expect(report.suggestedThreatDetection.config).toEqual({ primary: 'organization', recovery: 'create' });
    expect(ofKind(report.findings, 'singleton')).toEqual([
      expect.objectContaining({
        subject: 'config',
        detail: 'AWS Config recorder aws-controltower-BaselineConfigRecorder exists, managed by AWS Control Tower',
      }),
    ]);
  });

  test("the account's own detector, hub and recorder in its home region: existing there, create in the other", async () => {
    const { account, report } = await preflightOf('own-singletons');
    // One mode for both regions would block in the recovery region, where nothing runs: the suggestion is per region.
    const home = { primary: 'existing', recovery: 'create' };
    expect(report.suggestedThreatDetection).toEqual({
      guardDuty: home,
      securityHub: home,
      config: home,
      accessAnalyzer: 'create',
    });
    expect(ofKind(report.findings, 'unknown')).toEqual([]);
    // Not the reference's account: said, and blocking.
    expect(ofKind(report.findings, 'account')).toEqual([
      {
        region: 'global',
        kind: 'account',
        subject: 'credentials',
        blocking: true,
        detail: `are for account ${account.accountId}, but environment 'ref' deploys to 123456789012: what follows is about the wrong account. Run it with credentials for 123456789012`,
      },
    ]);
  });

  test('a stopped recorder and its delivery channel left behind: both block, each with the command that removes it', async () => {
    const { report } = await preflightOf('leftover-config');
    expect(ofKind(report.findings, 'collision')).toEqual([
      {
        region: 'eu-west-1',
        kind: 'collision',
        subject: 'Config delivery channel default',
        blocking: true,
        detail: expect.stringMatching(
          /^exists \(a region has one\): .*\(aws configservice delete-delivery-channel --delivery-channel-name default --region eu-west-1\)/,
        ),
      },
      {
        region: 'eu-west-1',
        kind: 'collision',
        subject: 'Config recorder default',
        blocking: true,
        detail: expect.stringMatching(
          /^exists but is not recording: .*\(aws configservice delete-configuration-recorder --configuration-recorder-name default --region eu-west-1\)/,
        ),
      },
    ]);
  });

  test('fails on configured modes that contradict the account, each with the value to choose', async () => {
    // GIVEN the platform configured with guardDuty and securityHub 'organization', accessAnalyzer and config
    // 'existing', and an account that runs GuardDuty, Security Hub and Config itself, in the primary region only, and
    // no analyzer
    const { report } = await preflightOf('own-singletons', OPTED_OUT_ASSEMBLY_DIR);
    // THEN naming the wrong runner is reported with the fix but does not block; a mode other than 'create' in the
    // recovery region, where nothing runs, blocks (the service would be off there)
    // The account runs them in its home region only, so the value to choose is per region.
    const home = "\\{ primary: 'existing', recovery: 'create' \\}";
    const off = (service: string, region = 'eu-central-1', value = home) => ({
      region,
      kind: 'mode',
      subject: `threatDetection.${service}`,
      blocking: true,
      detail: expect.stringMatching(
        new RegExp(
          `but nothing runs it here: .* Set threatDetection\\.${service} to ${value} \\(or enable it in the account first\\)$`,
        ),
      ),
    });
    expect(ofKind(report.findings, 'mode')).toEqual([
      {
        region: 'eu-west-1',
        kind: 'mode',
        subject: 'threatDetection.guardDuty',
        detail: expect.stringMatching(
          new RegExp(`^is 'organization' but .* run by this account: .* Set threatDetection\\.guardDuty to ${home}$`),
        ),
      },
      off('guardDuty'),
      {
        region: 'eu-west-1',
        kind: 'mode',
        subject: 'threatDetection.securityHub',
        detail: expect.stringMatching(
          new RegExp(`^is 'organization' but .* Set threatDetection\\.securityHub to ${home}$`),
        ),
      },
      off('securityHub'),
      off('accessAnalyzer', 'eu-west-1', "'create'"),
      off('accessAnalyzer', 'eu-central-1', "'create'"),
      off('config'),
    ]);
    expect(report.blocking).toBe(true);
  });
});
