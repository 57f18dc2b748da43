import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import type { BuildMiddleware, MetadataBearer } from '@smithy/types';
import { runPreflight } from '../../lib/cli/preflight';
import { PIPELINE_ACCOUNT, pipelineApp, STAGING_ACCOUNT } from '../delivery/pipeline-fixture';
import { asAccount, describeWithEmulator, MotoServer, ScenarioAccount, startMoto } from './moto-server';
import { answering, denied, UNSERVED } from './unserved-calls';

/**
 * The preflight of a pipeline assembly (test/delivery/pipeline-fixture.ts: staging in 444455556666, production in
 * the pipeline account 123456789012, both in eu-west-1 and eu-central-1) against moto on loopback: the CDK bootstrap
 * roles of each stage's account, created with and without the pipeline account's trust.
 */
describeWithEmulator('preflight: CDK bootstrap trust of the accounts a delivery pipeline deploys to', () => {
  const region = 'eu-west-1';
  let moto: MotoServer;
  let outdir: string;
  let staging: ScenarioAccount;

  /** moto's header for the account a call acts in (moto's, not AWS's). */
  const inAccount =
    (account: string): BuildMiddleware<object, MetadataBearer> =>
    (next) =>
    async (args) => {
      const request = args.request as { headers: Record<string, string> };
      request.headers['x-moto-account-id'] = account;
      return next(args);
    };

  const trust = (...accounts: string[]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: accounts.map((a) => ({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${a}:root` },
        Action: 'sts:AssumeRole',
      })),
    });

  /** Creates bootstrap roles in `account`, as `cdk bootstrap` names them. */
  const bootstrapRoles = async (account: string, roles: readonly [kind: string, at: string, trusted: string[]][]) => {
    const iam = new IAMClient({ region, endpoint: moto.endpoint });
    iam.middlewareStack.add(inAccount(account), { step: 'build' });
    for (const [kind, at, trusted] of roles)
      await iam.send(
        new CreateRoleCommand({
          RoleName: `cdk-hnb659fds-${kind}-role-${account}-${at}`,
          AssumeRolePolicyDocument: trust(...trusted),
        }),
      );
    iam.destroy();
  };

  const bootstrapFindings = (report: Awaited<ReturnType<typeof runPreflight>>) =>
    report.findings
      .filter((f) => f.subject.startsWith('bootstrap role '))
      .map((f) => `${f.region} ${f.kind} ${f.subject.replace('bootstrap role ', '')}: ${f.detail.split(':')[0]}`);

  beforeAll(async () => {
    moto = await startMoto();
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-pipeline-'));
    (await pipelineApp(outdir)).app.synth();
    // The staging account's preflight user (moto maps its access key to the account).
    const iam = new IAMClient({ region, endpoint: moto.endpoint });
    iam.middlewareStack.add(inAccount(STAGING_ACCOUNT), { step: 'build' });
    await iam.send(new CreateUserCommand({ UserName: 'preflight' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'preflight' }));
    iam.destroy();
    staging = {
      accountId: STAGING_ACCOUNT,
      accessKeyId: AccessKey?.AccessKeyId ?? '',
      secretAccessKey: AccessKey?.SecretAccessKey ?? '',
    };
  }, 600_000);

  afterAll(() => moto.stop());

  const preflight = (environment: string, answers = UNSERVED) =>
    runPreflight({ outdir, environment, endpoint: moto.endpoint, middleware: answering(answers) });

  test('a target account: a role without the trust and a missing role block, each region checked', async () => {
    // GIVEN staging bootstrapped with --trust in eu-west-1; in eu-central-1 without it, and no lookup role
    const all = ['deploy', 'file-publishing', 'image-publishing', 'lookup'];
    await bootstrapRoles(STAGING_ACCOUNT, [
      ...all.map((kind): [string, string, string[]] => [kind, 'eu-west-1', [STAGING_ACCOUNT, PIPELINE_ACCOUNT]]),
      ['deploy', 'eu-central-1', [STAGING_ACCOUNT]],
      ['file-publishing', 'eu-central-1', [STAGING_ACCOUNT, PIPELINE_ACCOUNT]],
      ['image-publishing', 'eu-central-1', [STAGING_ACCOUNT, PIPELINE_ACCOUNT]],
    ]);
    // WHEN
    const report = await asAccount(staging, () => preflight('staging'));
    // THEN
    expect(report.account).toBe(STAGING_ACCOUNT);
    expect(bootstrapFindings(report)).toEqual([
      `eu-central-1 prerequisite cdk-hnb659fds-deploy-role-${STAGING_ACCOUNT}-eu-central-1: does not trust the pipeline account ${PIPELINE_ACCOUNT}`,
      `eu-central-1 prerequisite cdk-hnb659fds-lookup-role-${STAGING_ACCOUNT}-eu-central-1: is missing`,
    ]);
    const fix = `npx cdk bootstrap aws://${STAGING_ACCOUNT}/eu-central-1 --trust ${PIPELINE_ACCOUNT} --cloudformation-execution-policies arn:aws:iam::${STAGING_ACCOUNT}:policy/platform-deploy`;
    for (const f of report.findings.filter((f) => f.subject.startsWith('bootstrap role ')))
      expect(f).toMatchObject({ blocking: true, detail: expect.stringContaining(fix) });
    expect(report.checked).toEqual(
      expect.arrayContaining(
        all.map((kind) => `bootstrap role cdk-hnb659fds-${kind}-role-${STAGING_ACCOUNT}-eu-west-1 (eu-west-1): ok`),
      ),
    );
    expect(report.blocking).toBe(true);
  });

  test('the pipeline account: its own roles need only exist; missing ones block', async () => {
    // GIVEN the pipeline account bootstrapped in eu-west-1 only (its roles trust their own account)
    await bootstrapRoles(
      PIPELINE_ACCOUNT,
      ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map((kind) => [
        kind,
        'eu-west-1',
        [PIPELINE_ACCOUNT],
      ]),
    );
    // WHEN
    const report = await preflight('prod');
    // THEN
    expect(bootstrapFindings(report)).toEqual(
      ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map(
        (kind) => `eu-central-1 prerequisite cdk-hnb659fds-${kind}-role-${PIPELINE_ACCOUNT}-eu-central-1: is missing`,
      ),
    );
    expect(report.findings.find((f) => f.subject.startsWith('bootstrap role '))?.detail).toMatch(
      new RegExp(`npx cdk bootstrap aws://${PIPELINE_ACCOUNT}/eu-central-1$`),
    );
  });

  test('a GetRole that fails blocks as not checked (fails closed)', async () => {
    const report = await asAccount(staging, () =>
      preflight('staging', { ...UNSERVED, 'IAMClient.GetRoleCommand': denied('iam:GetRole') }),
    );
    const findings = report.findings.filter((f) => f.subject.startsWith('bootstrap role '));
    expect(findings).toHaveLength(8);
    for (const f of findings)
      expect(f).toMatchObject({
        kind: 'unknown',
        blocking: true,
        detail: expect.stringMatching(/^could not be checked: AccessDeniedException: .* iam:GetRole$/),
      });
  });
});
