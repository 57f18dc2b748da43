/**
 * The dump task rehearsed as Fargate runs it: its image built from the Dockerfile of the synthesized asset, run with
 * the synthesized task definition's user, read-only root, /scratch mount (Fargate semantics), environment and
 * secrets, against a real PostgreSQL of Aurora's major version set up as RDS sets it up (rds_iam, a master user that
 * is no superuser, RDS's rule that a member of rds_iam cannot log in with a password), with TLS verified
 * (verify-full, a test CA standing in for the RDS bundle at its path), uploading to a real S3 API server on loopback
 * with multipart; then restore.sh into a fresh database, and a wrong key refused.
 *
 * In production's order: the deploy's bootstrap (the function's own runner and the SQL the custom resource carries,
 * which sets dump_reader's password from its secret), a fresh password login, the nightly dump as dump_reader, the
 * next deploy's bootstrap.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { S3Client } from '@aws-sdk/client-s3';
import * as openpgp from 'openpgp';
import { checkNewestDump } from '../../lib/backup/dump-check/check';
import { buildImage, BuiltImage, resolveUser } from '../../scripts/rehearsal/build-image';
import { synthesizedContainer, SynthesizedContainer } from '../../scripts/rehearsal/cdk-out';
import { FargateRunOptions, runContainer } from '../../scripts/rehearsal/fargate-run';
import { postgresRootfs, RunningPostgres, startPostgres, testCa } from '../../scripts/rehearsal/postgres-server';
import { RunningS3, startS3 } from '../../scripts/rehearsal/s3-server';
import { sandboxOk, sandboxRun } from '../../scripts/rehearsal/sandbox';
import { bootstrapSql, runBootstrap } from '../../lib/data/database-bootstrap/run-bootstrap';
import { REFERENCE_ASSEMBLY_DIR, REFERENCE_ENVIRONMENT } from '../support/reference-assembly';

const RDS_CA_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';
/** The server's superuser: RDS has none; the rehearsal uses it to restore and to look at what RDS would not show. */
const PASSWORD = 'rehearsal-Secret-1';
const MASTER = { user: 'platform_admin', password: 'rehearsal-Master-1' };
/** What the dump reader's secret holds in the rehearsal (Secrets Manager generates it in production). */
const DUMP_READER = { user: 'dump_reader', password: 'rehearsalDumpReader0Secret9' };
const ROWS = 200; // 200 rows of 64 KiB of random bytes: a 12.5 MiB dump, more than the AWS CLI's 8 MiB part size

describe('the dump task as Fargate runs it, against PostgreSQL 17 and S3 on loopback', () => {
  let dir: string;
  let task: SynthesizedContainer;
  let image: BuiltImage;
  let pg: RunningPostgres;
  let s3: RunningS3;
  let key: string;
  let recipientPublicKey: string;
  let run: (extra?: Partial<FargateRunOptions>) => ReturnType<typeof runContainer>;
  let dumpResult: ReturnType<typeof runContainer>;
  let baseEnv: Record<string, string>;
  let caPem: string;
  const homes: Record<string, string> = {};
  /** What happened at each step of the production order, in order. */
  const steps: { step: string; error?: string }[] = [];
  const step = async (name: string, run: () => unknown): Promise<void> => {
    try {
      await run();
      steps.push({ step: name });
    } catch (e) {
      steps.push({ step: name, error: (e as Error).message });
    }
  };
  const asMaster = (sql: string) => pg.psqlAs(MASTER.user, MASTER.password, 'app', sql);
  const asDumpReader = (sql: string) => pg.psqlAs(DUMP_READER.user, DUMP_READER.password, 'app', sql);
  const bootstrap = () =>
    runBootstrap(
      { host: '127.0.0.1', port: pg.port, database: 'app', user: MASTER.user, password: MASTER.password, ca: [caPem] },
      [],
      bootstrapSql(),
      DUMP_READER,
    );
  const started = Date.now();
  let imageSeconds = 0;

  const bucket = 'rehearsal-dumps';
  /** What the rehearsal stands in for: the cluster's (writer) endpoint (only that one) and the dump bucket. */
  const references = (ref: string) =>
    /^DatabaseCluster[0-9A-F]{8}\.Endpoint\.Address$/.test(ref)
      ? '127.0.0.1'
      : /^DumpsBucket[0-9A-F]{8}$/.test(ref)
        ? bucket
        : undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-dump-'));
    fs.chmodSync(dir, 0o755);
    task = synthesizedContainer(REFERENCE_ASSEMBLY_DIR, `${REFERENCE_ENVIRONMENT}/Data`, 'Dump');
    const pgRoot = postgresRootfs(17);
    const ca = testCa(pgRoot, 'database');
    const t0 = Date.now();
    image = buildImage({ contextDir: task.contextDir, urlSubstitutes: { [RDS_CA_URL]: ca.caCert } });
    imageSeconds = (Date.now() - t0) / 1000;
    s3 = await startS3(path.join(dir, 's3.log'));
    pg = await startPostgres({
      rootfs: pgRoot,
      major: 17,
      ca,
      workDir: path.join(dir, 'pg'),
      user: 'dumper',
      password: PASSWORD,
      likeRds: { masterUser: MASTER.user, masterPassword: MASTER.password, database: 'app' },
    });
    caPem = fs.readFileSync(ca.caCert, 'utf8');
    s3.python(`s3.create_bucket(Bucket='${bucket}', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})`);

    // Key pairs made with the image's own GnuPG: the recipient (in production, outside AWS) and a stranger.
    const { uid, gid } = resolveUser(image.rootfs, '10001');
    for (const name of ['recipient', 'stranger']) {
      const home = path.join(dir, `gnupg-${name}`);
      fs.mkdirSync(home, { mode: 0o700 });
      fs.chownSync(home, uid, gid);
      sandboxOk({
        rootfs: image.rootfs,
        uid,
        gid,
        binds: [{ host: home, container: '/gnupg', writable: true }],
        env: { GNUPGHOME: '/gnupg', PATH: '/usr/bin:/bin' },
        argv: [
          'gpg',
          '--batch',
          '--passphrase',
          '',
          '--quick-gen-key',
          `${name} <${name}@rehearsal.invalid>`,
          'future-default',
          'default',
          'never',
        ],
      });
      homes[name] = home;
    }
    const publicKey = sandboxOk({
      rootfs: image.rootfs,
      uid,
      gid,
      binds: [{ host: homes.recipient, container: '/gnupg', writable: true }],
      env: { GNUPGHOME: '/gnupg', PATH: '/usr/bin:/bin' },
      argv: ['gpg', '--armor', '--export'],
    });

    recipientPublicKey = publicKey;
    baseEnv = {
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      // The real public key: the synthesized one is the reference config's.
      GPG_RECIPIENT_KEY: publicKey,
    };
    run = (extra = {}) =>
      runContainer({
        image,
        taskDefinition: task.taskDefinition,
        workDir: fs.mkdtempSync(path.join(dir, 'task-')),
        references,
        loopbackOverrides: { PGPORT: String(pg.port) },
        // What ECS injects from the dump reader's secret (PGUSER: username, PGPASSWORD: password).
        secrets: { PGUSER: DUMP_READER.user, PGPASSWORD: DUMP_READER.password },
        platformEnv: baseEnv,
        ...extra,
      });

    // Production's order; each step's outcome is kept, so a failing step is named by a test, not by the set-up.
    await step('the first bootstrap', bootstrap);
    // The application's tables, made as the application makes them: in schema app, as its owner role.
    await step('the application writes its data', () => {
      const r = asMaster(
        `SET ROLE app_owner; CREATE TABLE app.customers (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO app.customers (name) VALUES ('Zebulon Quartzfeather'), ('Łukasz Żółć'); CREATE TABLE app.blobs (id int PRIMARY KEY, data bytea NOT NULL); INSERT INTO app.blobs SELECT g, (SELECT decode(string_agg(md5(random()::text || g || h), ''), 'hex') FROM generate_series(1, 4096) h) FROM generate_series(1, ${ROWS}) g;`,
      );
      if (r.status !== 0) throw new Error(r.stderr);
    });
    await step('a fresh password login as the master user', () => {
      const r = asMaster('SELECT 1');
      if (r.status !== 0) throw new Error(r.stderr);
    });
    await step('the nightly dump as dump_reader', () => {
      dumpResult = run();
      if (dumpResult.status !== 0)
        throw new Error(
          `status ${dumpResult.status}, signal ${dumpResult.signal}${dumpResult.error ? `, ${dumpResult.error.message}` : ''}: ${dumpResult.stderr}`,
        );
    });
    await step("the next deploy's bootstrap", bootstrap);
    const listed = s3
      .python(`print('\\n'.join(o['Key'] for o in s3.list_objects_v2(Bucket='${bucket}').get('Contents', [])))`)
      .trim();
    key = listed.split('\n').find((k) => k.endsWith('.pgdump.gpg'))!;
  }, 600_000);

  afterAll(() => {
    pg?.stop();
    s3?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    console.log(
      `rehearsal (dump): image ${imageSeconds.toFixed(1)} s (${image?.buildSeconds ? 'built' : 'cached'}), whole file ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  test("in production's order: bootstrap, a password login, the dump as dump_reader, the next bootstrap", () => {
    expect(steps).toEqual([
      { step: 'the first bootstrap' },
      { step: 'the application writes its data' },
      { step: 'a fresh password login as the master user' },
      { step: 'the nightly dump as dump_reader' },
      { step: "the next deploy's bootstrap" },
    ]);
  });

  test("the dump is handed dump_reader's own secret, the one the bootstrap sets the password from, never the master's", () => {
    const secrets = task.taskDefinition.ContainerDefinitions[0].Secrets!;
    const from = (name: string) => JSON.stringify(secrets.find((s) => s.Name === name)?.ValueFrom);
    expect(`${from('PGUSER')} ${from('PGPASSWORD')}`).not.toMatch(/MasterUserSecret/);
    const secretId = /"Ref":"([A-Za-z0-9]+)"/.exec(from('PGUSER'))?.[1];
    expect(from('PGPASSWORD')).toContain(`"Ref":"${secretId}"`);
    const secret = task.resources[secretId!];
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(
      JSON.parse(String((secret.Properties.GenerateSecretString as Record<string, unknown>).SecretStringTemplate)),
    ).toEqual({
      username: DUMP_READER.user,
    });
    const fn = Object.values(task.resources).find(
      (r) => r.Type === 'AWS::Lambda::Function' && JSON.stringify(r.Properties).includes('DUMP_READER_SECRET_ARN'),
    )!;
    expect(
      (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.DUMP_READER_SECRET_ARN,
    ).toEqual({
      Ref: secretId,
    });
  });

  test('dump_reader read schema app, and the audit log names it', () => {
    expect(pg.log()).toMatch(/AUDIT: SESSION,\d+,\d+,READ,COPY,,,"COPY app\.blobs \(id, data\) TO stdout"/);
  });

  test('dump_reader cannot write, create or take ownership', () => {
    for (const [sql, error] of [
      ["INSERT INTO app.customers (name) VALUES ('intruder')", /permission denied for table customers/],
      ['UPDATE app.customers SET name = name', /permission denied for table customers/],
      ['DELETE FROM app.customers', /permission denied for table customers/],
      ['TRUNCATE app.customers', /permission denied for table customers/],
      ["SELECT nextval('app.customers_id_seq')", /permission denied for sequence customers_id_seq/],
      ['CREATE TABLE app.intruder (id int)', /permission denied for schema app/],
      ['CREATE TABLE public.intruder (id int)', /permission denied for schema public/],
      ['CREATE TEMP TABLE intruder (id int)', /permission denied to create temporary tables in database "app"/],
      ['CREATE SCHEMA intruder', /permission denied for database app/],
      ['SET ROLE app_owner', /permission denied to set role "app_owner"/],
      ['CREATE ROLE intruder', /permission denied to create role/],
    ] as const) {
      const r = asDumpReader(sql);
      expect([sql, r.status, r.stderr]).toEqual([sql, expect.any(Number), expect.stringMatching(error)]);
      expect(r.status).not.toBe(0);
    }
    expect(asDumpReader('SELECT count(*) FROM app.customers')).toMatchObject({ status: 0, stdout: '2' });
  });

  test('dump_reader is a member of no role, rds_iam least of all: it logs in with its password', () => {
    const memberships = pg.psql(
      'app',
      "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = 'dump_reader'",
    );
    expect(memberships.trim()).toBe('0');
    const attributes = pg.psql(
      'app',
      "SELECT rolcanlogin, rolinherit, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = 'dump_reader'",
    );
    expect(attributes.trim()).toBe('t|f|f|f|f|f');
    // RDS's rule, enforced by the server: were it in rds_iam, its password would be refused.
    pg.psql('app', 'GRANT rds_iam TO dump_reader');
    try {
      expect(asDumpReader('SELECT 1').stderr).toMatch(/PAM authentication failed for user "dump_reader"/);
    } finally {
      pg.psql('app', 'REVOKE rds_iam FROM dump_reader');
    }
    expect(asDumpReader('SELECT 1')).toMatchObject({ status: 0 });
  });

  test('fails the bootstrap when dump_reader would be in rds_iam, directly or through a role that holds it', async () => {
    const { sql } = bootstrapSql();
    for (const grant of ['GRANT rds_iam TO dump_reader;', 'GRANT app_service TO dump_reader;']) {
      const faulty = sql.replace('-- The promises, asserted', `${grant}\n-- The promises, asserted`);
      expect(faulty).not.toBe(sql);
      const digest = crypto.createHash('sha256').update(faulty).digest('hex');
      await expect(
        runBootstrap(
          {
            host: '127.0.0.1',
            port: pg.port,
            database: 'app',
            user: MASTER.user,
            password: MASTER.password,
            ca: [caPem],
          },
          [],
          { sql: faulty, digest },
          DUMP_READER,
        ),
      ).rejects.toThrow(/the dump login dump_reader would be a member of rds_iam/);
    }
    // The transaction rolled back: it still logs in with its password.
    expect(asDumpReader('SELECT 1')).toMatchObject({ status: 0 });
  });

  test("dump_reader's password never reaches the server: the bootstrap sends a SCRAM verifier", () => {
    // The server logs every statement and its parameters here (log_statement = all).
    expect(pg.log()).toMatch(
      /CALL platform_bootstrap\.set_dump_reader_password\(\$1\)\n.*Parameters: \$1 = 'SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+'/,
    );
    expect(pg.log()).not.toContain(DUMP_READER.password);
    // pgaudit blanks what it logs of the role change.
    expect(pg.log()).toMatch(/ROLE,ALTER ROLE,,,ALTER ROLE dump_reader WITH LOGIN PASSWORD <REDACTED>/);
  });

  test('the task definition is the one the fixes make: verify-full against the baked bundle, the writer endpoint, x86_64', () => {
    const container = task.taskDefinition.ContainerDefinitions[0];
    const env = Object.fromEntries(container.Environment!.map((e) => [e.Name, e.Value]));
    expect(env.PGSSLMODE).toBe('verify-full');
    expect(env.PGSSLROOTCERT).toBe('/etc/ssl/certs/rds-global-bundle.pem');
    // The writer: on a reader a long pg_dump is cancelled by replay conflicts.
    expect(JSON.stringify(env.PGHOST)).toMatch(/"DatabaseCluster[0-9A-F]{8}","Endpoint\.Address"/);
    const cluster = Object.values(task.resources).find((r) => r.Type === 'AWS::RDS::DBCluster')!;
    expect(env.PGPORT).toBe(String(cluster.Properties.Port));
    expect(task.platform).toBe('linux/amd64');
    expect(task.taskDefinition.RuntimePlatform?.CpuArchitecture).toBe('X86_64');
  });

  test('the image is built from the Dockerfile with a client of the server major (pg_dump 17)', () => {
    const r = sandboxRun({
      rootfs: image.rootfs,
      uid: 10001,
      gid: 10001,
      argv: ['pg_dump', '--version'],
      env: { PATH: '/usr/bin:/bin' },
    });
    expect(r.stdout).toMatch(/pg_dump \(PostgreSQL\) 17\./);
  });

  test('dump.sh runs to completion under the task definition and uploads one encrypted object', () => {
    expect(dumpResult.stderr).toBe('');
    expect(dumpResult.status).toBe(0);
    expect(dumpResult.stdout).toMatch(
      new RegExp(`^dump: app encrypted to [0-9A-F]{40} and written to s3://${bucket}/postgres/app-`),
    );
    expect(key).toMatch(/^postgres\/app-\d{8}T\d{6}Z\.pgdump\.gpg$/);
  });

  test('dump.sh records the size and SHA-256 of what it uploaded beside the dump, and they match the object', () => {
    const [record, size, actual, bytes] = s3
      .python(
        [
          `import hashlib`,
          `r = s3.get_object(Bucket='${bucket}', Key='${key}.sha256')`,
          `print(r['Body'].read().decode().strip())`,
          `print(r['Metadata'].get('dump-size'))`,
          `body = s3.get_object(Bucket='${bucket}', Key='${key}')['Body'].read()`,
          `print(hashlib.sha256(body).hexdigest())`,
          `print(len(body))`,
        ].join('\n'),
      )
      .trim()
      .split('\n');
    expect(record).toBe(`${actual}  ${path.basename(key)}`);
    expect(size).toBe(bytes);
    expect(Number(bytes)).toBeGreaterThan(ROWS * 65536);
    expect(dumpResult.stdout).toContain(`(${bytes} bytes, sha256 ${actual}; record s3://${bucket}/${key}.sha256)`);
  });

  test("the daily dump check (the function's own code) passes the rehearsal's dump, made by the image's GnuPG", async () => {
    const subkey = (await (await openpgp.readKey({ armoredKey: recipientPublicKey })).getEncryptionKey()).getKeyID();
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      // As the function's handler makes its client (index.js): its own SHA-256 is the integrity check.
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    try {
      const result = await checkNewestDump({
        s3: client,
        bucket,
        prefix: 'postgres/',
        expectedKeyIds: [subkey.toHex()],
        maxAgeHours: 26,
      });
      expect(result).toMatchObject({ ok: true, failures: [], dump: { key, recipientKeyIds: [subkey.toHex()] } });
    } finally {
      client.destroy();
    }
  });

  test('the upload was multipart, as the S3 server saw it', () => {
    const etag = s3.python(`print(s3.head_object(Bucket='${bucket}', Key='${key}')['ETag'])`).trim();
    expect(etag).toMatch(/-([2-9]|\d{2,})"$/);
    expect(s3.log()).toMatch(/POST \/[^ ]*\?uploads/);
    expect((s3.log().match(/PUT \/[^ ]*partNumber=/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  test('a dump that fails mid-stream writes no object: the upload never sees end-of-file', () => {
    // pg_dump stands in: 9 MiB (more than one 8 MiB part, so the CLI has begun a multipart upload), then a lost
    // connection. One attempt only, so the test does not wait for the retry.
    const shim = fs.mkdtempSync(path.join(dir, 'shim-'));
    fs.chmodSync(shim, 0o755);
    fs.writeFileSync(
      path.join(shim, 'pg_dump'),
      "#!/bin/bash\nhead -c 9437184 /dev/urandom\necho 'pg_dump: error: connection to server lost: server closed the connection unexpectedly' >&2\nexit 1\n",
      { mode: 0o755 },
    );
    const uploadsBefore = (s3.log().match(/POST \/[^ ]*\?uploads/g) ?? []).length;
    const r = run({
      extraBinds: { '/opt/rehearsal-shim': shim },
      platformEnv: {
        ...baseEnv,
        PATH: `/opt/rehearsal-shim:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        DUMP_ATTEMPTS: '1',
        DUMP_TARGET: `s3://${bucket}/failed/`,
      },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/attempt 1 of 1 failed; no dump was written to s3:\/\/rehearsal-dumps\/failed\/app-/);
    // The multipart upload was begun, and never completed into an object.
    expect((s3.log().match(/POST \/[^ ]*\?uploads/g) ?? []).length).toBeGreaterThan(uploadsBefore);
    const failed = s3.python(`print(s3.list_objects_v2(Bucket='${bucket}', Prefix='failed/').get('KeyCount', 0))`);
    expect(failed.trim()).toBe('0');
  });

  test('restore.sh with the private key restores every row into a fresh database', () => {
    // As whoever restores (the runbook: outside AWS), here the server's superuser, into an empty database.
    pg.psql('postgres', 'CREATE DATABASE restored TEMPLATE template0');
    const r = run({
      secrets: { PGUSER: 'dumper', PGPASSWORD: PASSWORD },
      commandOverride: ['/usr/local/bin/restore.sh'],
      platformEnv: {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        PGDATABASE: 'restored',
        GNUPGHOME: '/gnupg',
        DUMP_SOURCE: `s3://${bucket}/${key}`,
      },
      writableBinds: { '/gnupg': homes.recipient },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const q of [
      'SELECT id || name FROM app.customers ORDER BY id',
      "SELECT md5(string_agg(md5(data), '' ORDER BY id)) || count(*) FROM app.blobs",
    ]) {
      expect(pg.psql('restored', q)).toBe(pg.psql('app', q));
    }
    expect(pg.psql('restored', 'SELECT count(*) FROM app.blobs').trim()).toBe(String(ROWS));
  });

  test('a wrong key fails to decrypt and restores nothing', () => {
    pg.psql('postgres', 'CREATE DATABASE wrong_key TEMPLATE template0');
    const r = run({
      secrets: { PGUSER: 'dumper', PGPASSWORD: PASSWORD },
      commandOverride: ['/usr/local/bin/restore.sh'],
      platformEnv: {
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        PGDATABASE: 'wrong_key',
        GNUPGHOME: '/gnupg',
        DUMP_SOURCE: `s3://${bucket}/${key}`,
      },
      writableBinds: { '/gnupg': homes.stranger },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot decrypt .*does not hold the recipient's private key/);
    expect(pg.psql('wrong_key', "SELECT count(*) FROM pg_tables WHERE tablename = 'blobs'").trim()).toBe('0');
  });

  test('fails when /scratch is not a volume the image owns (Fargate mounts it root-owned 0755)', () => {
    const r = run({ image: { ...image, config: { ...image.config, volumes: [] } } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /mktemp: failed to create directory via template '\/scratch\/tmp\.[^']*': Permission denied/,
    );
  });

  test('fails when the server certificate does not chain to the baked CA bundle (verify-full really verifies)', () => {
    const other = testCa(postgresRootfs(17), 'other');
    const r = run({ extraBinds: { '/etc/ssl/certs/rds-global-bundle.pem': other.caCert } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/certificate verify failed/);
  });
});
