import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { BackupClient, CreateBackupVaultCommand } from '@aws-sdk/client-backup';
import { ConfigServiceClient, PutConfigRuleCommand } from '@aws-sdk/client-config-service';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateDBClusterCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { renderPreflight, runPreflight, runPreflightCommand } from '../../lib/cli/preflight';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-constants';
import { referenceAssembly } from '../support/reference-assembly';
import { copyAssembly, withCertificate } from './assembly-copy';
import { describeWithEmulator, MotoServer, startMoto } from './moto-server';
import { Answers, answering, denied, lambdaConcurrency, UNSERVED } from './unserved-calls';

/**
 * The preflight against moto's server on loopback (moto-server.ts), as the reference's own account (123456789012):
 * nothing reaches AWS. Calls moto 5.2.5 does not serve (Access Analyzer's ListAnalyzers, Lambda's GetAccountSettings)
 * and denied calls are answered by a middleware in every SDK client (unserved-calls.ts). The tests run in order on
 * one account, which each leaves as the next expects.
 */
describeWithEmulator('preflight (read-only) against a local AWS API emulator', () => {
  const region = 'eu-west-1';
  let moto: MotoServer;
  let endpoint: string;
  let pendingCertificate: string;
  let issuedCertificate: string;

  beforeAll(async () => {
    moto = await startMoto();
    endpoint = moto.endpoint;
    const acm = new ACMClient({ region, endpoint });
    // moto issues a private CA's certificate at once, and leaves an Amazon-issued one pending validation.
    const request = (authority?: string) =>
      acm
        .send(new RequestCertificateCommand({ DomainName: 'app.example.com', CertificateAuthorityArn: authority }))
        .then((r) => r.CertificateArn ?? '');
    pendingCertificate = await request();
    issuedCertificate = await request(`arn:aws:acm-pca:${region}:123456789012:certificate-authority/test`);
    acm.destroy();
  });

  afterAll(() => moto.stop());

  /** The Config service-linked role, as AWS names it (moto 5.2.5 would name one it creates AWSServiceRoleForconfig). */
  const ensureConfigServiceLinkedRole = async (at: string) => {
    const iam = new IAMClient({ region, endpoint: at });
    await iam
      .send(
        new CreateRoleCommand({
          RoleName: 'AWSServiceRoleForConfig',
          Path: '/aws-service-role/config.amazonaws.com/',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          }),
        }),
      )
      .catch((e: Error) => {
        if (e.name !== 'EntityAlreadyExistsException' && e.name !== 'EntityAlreadyExists') throw e;
      });
    iam.destroy();
  };

  const preflight = (certificate: string, answers: Answers = UNSERVED) =>
    runPreflight({
      outdir: copyAssembly(REFERENCE_ASSEMBLY_DIR, withCertificate(certificate)),
      endpoint,
      middleware: answering(answers),
    });

  test('a fresh account: the missing Config service-linked role and a certificate pending validation block, each with its fix', async () => {
    const report = await preflight(pendingCertificate);
    expect(report.findings.filter((f) => f.blocking)).toEqual([
      {
        region: 'global',
        kind: 'prerequisite',
        subject: 'role AWSServiceRoleForConfig',
        blocking: true,
        detail: expect.stringMatching(
          /^is missing: .* Create it once per account: aws iam create-service-linked-role --aws-service-name config\.amazonaws\.com$/,
        ),
      },
      {
        region,
        kind: 'prerequisite',
        subject: `certificate ${pendingCertificate}`,
        blocking: true,
        detail:
          'has status PENDING_VALIDATION, not ISSUED: the HTTPS listener fails to create. Complete its validation (DNS records) or choose an issued certificate',
      },
    ]);
    expect(report.blocking).toBe(true);
  });

  test('a ready account: every fixed name, quota and prerequisite is checked, and nothing blocks', async () => {
    // GIVEN the service-linked role created and an issued certificate. moto 5.2.5 names a service-linked role it
    // creates AWSServiceRoleForconfig, so the role is made as AWS names it.
    const iam = new IAMClient({ region, endpoint });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'AWSServiceRoleForConfig',
        Path: '/aws-service-role/config.amazonaws.com/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    iam.destroy();
    // WHEN
    const report = await preflight(issuedCertificate);
    // THEN only notes, and each kind of item was asked about
    expect(report.findings.filter((f) => f.kind !== 'note')).toEqual([]);
    expect(report.account).toBe('123456789012');
    expect(report.checked).toEqual(
      expect.arrayContaining([
        'credentials: account 123456789012',
        'guardDuty (eu-central-1): ok',
        'bucket ref-uploads-123456789012-eu-west-1 (eu-west-1): ok',
        'bucket ref-uploads-replica-123456789012-eu-central-1 (eu-central-1): ok',
        'vault ref-recovery-vault (eu-central-1): ok',
        'secret ref/stripe/secret-key (eu-west-1): ok',
        'log group /aws/rds/cluster/ref-db/postgresql (eu-west-1): ok',
        'role ref-backup-break-glass (eu-central-1): ok',
        'key alias alias/ref/primary/data (eu-west-1): ok',
        'database cluster ref-db (eu-west-1): ok',
        'config rule ref-cloud-trail-enabled (eu-central-1): ok',
        'Lambda concurrency (eu-west-1): ok',
        'Config delivery channel and recorders (eu-central-1): ok',
        'role AWSServiceRoleForConfig (global): ok',
        `certificate ${issuedCertificate} (eu-west-1): ok`,
      ]),
    );
    expect(report.blocking).toBe(false);
    expect(renderPreflight(report)).toMatch(
      /Nothing blocks the deploy: all \d+ items were checked, none is in the way\.$/,
    );
  });

  test("a reservation beyond the account's Lambda concurrency blocks, naming the functions and the quota", async () => {
    // GIVEN every function reserving one execution, in an account at the new-account quota of 10 that is otherwise
    // ready (the Config service-linked role exists)
    await ensureConfigServiceLinkedRole(endpoint);
    const outdir = copyAssembly(REFERENCE_ASSEMBLY_DIR, (template) => {
      withCertificate(issuedCertificate)(template);
      for (const r of Object.values(template.Resources ?? {}))
        if (r.Type === 'AWS::Lambda::Function') r.Properties = { ...r.Properties, ReservedConcurrentExecutions: 1 };
    });
    // Per region: the recovery region has functions too (its restore-test VPC's default security group closer).
    const functionsIn = (r: string) =>
      referenceAssembly()
        .stacks.filter((st) => st.region === r)
        .flatMap((st) => Object.values(st.template.Resources ?? {}))
        .filter((res) => res.Type === 'AWS::Lambda::Function').length;
    const regions = [...new Set(referenceAssembly().stacks.map((st) => String(st.region)))].filter(
      (r) => functionsIn(r) > 0,
    );
    expect(regions).toContain(region);
    // WHEN
    const report = await runPreflight({
      outdir,
      endpoint,
      middleware: answering({ ...UNSERVED, 'LambdaClient.GetAccountSettingsCommand': lambdaConcurrency(10) }),
    });
    // THEN one blocking finding per region, naming each of its functions
    const blocking = report.findings.filter((f) => f.blocking);
    expect(blocking.map((f) => String(f.region)).sort()).toEqual([...regions].sort());
    for (const r of regions) {
      const functions = functionsIn(r);
      expect(blocking.find((f) => f.region === r)).toEqual({
        region: r,
        kind: 'quota',
        subject: 'Lambda concurrency',
        blocking: true,
        detail: expect.stringMatching(
          new RegExp(
            `^(ref-\\w+/\\w+, ){${functions - 1}}ref-\\w+/\\w+ reserves? ${functions} of the account's 10 unreserved \\(quota 10\\); Lambda keeps at least 10 unreserved, so CreateFunction fails .* raise the Lambda quota 'Concurrent executions' \\(L-B99A9384\\)`,
          ),
        ),
      });
    }
  });

  test('a denied call blocks, naming what and why, and the command exits 1', async () => {
    // GIVEN an identity that may not describe backup vaults
    const lines: string[] = [];
    const code = await runPreflightCommand(
      { outdir: copyAssembly(REFERENCE_ASSEMBLY_DIR, withCertificate(issuedCertificate)), endpoint },
      (text) => lines.push(text),
      {
        middleware: answering({
          ...UNSERVED,
          'BackupClient.DescribeBackupVaultCommand': denied('backup:DescribeBackupVault'),
        }),
      },
    );
    // THEN
    expect(code).toBe(1);
    const output = lines.join('\n');
    for (const [vaultRegion, vault] of [
      ['eu-west-1', 'ref-primary-vault'],
      ['eu-central-1', 'ref-recovery-vault'],
    ])
      expect(output).toContain(
        `[unknown, blocking] ${vaultRegion} vault ${vault}: could not be checked: AccessDeniedException: User: arn:aws:iam::123456789012:user/preflight is not authorized to perform: backup:DescribeBackupVault`,
      );
    expect(output).toMatch(/^Blocking: 2 findings above\./m);
    expect(output).not.toMatch(/Nothing blocks/);
  });

  test('every kind of fixed name that is taken is a collision', async () => {
    // GIVEN each fixed name of the primary region's Data and Service stacks left over from an earlier try
    const s3 = new S3Client({ region, endpoint, forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'ref-uploads-123456789012-eu-west-1',
        CreateBucketConfiguration: { LocationConstraint: region },
      }),
    );
    const backup = new BackupClient({ region, endpoint });
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'ref-primary-vault' }));
    const secrets = new SecretsManagerClient({ region, endpoint });
    await secrets.send(new CreateSecretCommand({ Name: 'ref/stripe/secret-key', SecretString: 'x' }));
    const logs = new CloudWatchLogsClient({ region, endpoint });
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/rds/cluster/ref-db/postgresql' }));
    const kms = new KMSClient({ region, endpoint });
    const key = await kms.send(new CreateKeyCommand({}));
    await kms.send(
      new CreateAliasCommand({ AliasName: 'alias/ref/primary/data', TargetKeyId: key.KeyMetadata?.KeyId }),
    );
    const rds = new RDSClient({ region, endpoint });
    await rds.send(
      new CreateDBClusterCommand({
        DBClusterIdentifier: 'ref-db',
        Engine: 'aurora-postgresql',
        MasterUsername: 'postgres',
        MasterUserPassword: 'password-of-a-test',
      }),
    );
    const config = new ConfigServiceClient({ region, endpoint });
    await config.send(
      new PutConfigRuleCommand({
        ConfigRule: {
          ConfigRuleName: 'ref-cloud-trail-enabled',
          Source: { Owner: 'AWS', SourceIdentifier: 'CLOUD_TRAIL_ENABLED' },
        },
      }),
    );
    for (const c of [s3, backup, secrets, logs, kms, rds, config]) c.destroy();
    // WHEN
    const report = await preflight(issuedCertificate);
    // THEN
    expect(report.findings.filter((f) => f.kind === 'collision').map((f) => `${f.region} ${f.subject}`)).toEqual([
      'eu-west-1 bucket ref-uploads-123456789012-eu-west-1',
      'eu-west-1 vault ref-primary-vault',
      'eu-west-1 secret ref/stripe/secret-key',
      'eu-west-1 log group /aws/rds/cluster/ref-db/postgresql',
      'eu-west-1 key alias alias/ref/primary/data',
      'eu-west-1 database cluster ref-db',
      'eu-west-1 config rule ref-cloud-trail-enabled',
    ]);
    expect(report.findings.filter((f) => f.kind === 'collision').every((f) => f.blocking)).toBe(true);
    expect(report.blocking).toBe(true);
  });
});
