/**
 * The dump task rehearsed as Fargate runs it: its image built from the Dockerfile of the synthesized asset, run with
 * the synthesized task definition's user, read-only root, /scratch mount (Fargate semantics), environment and
 * secrets, against a real PostgreSQL of Aurora's major version with TLS verified (verify-full, a test CA standing in
 * for the RDS bundle at its path), uploading to a real S3 API server on loopback with multipart; then restore.sh
 * into a fresh database, and a wrong key refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildImage, BuiltImage, resolveUser } from '../../scripts/rehearsal/build-image';
import { synthesizedContainer, SynthesizedContainer } from '../../scripts/rehearsal/cdk-out';
import { FargateRunOptions, runContainer } from '../../scripts/rehearsal/fargate-run';
import { postgresRootfs, RunningPostgres, startPostgres, testCa } from '../../scripts/rehearsal/postgres-server';
import { RunningS3, startS3 } from '../../scripts/rehearsal/s3-server';
import { sandboxOk, sandboxRun } from '../../scripts/rehearsal/sandbox';
import { REFERENCE_ASSEMBLY_DIR, REFERENCE_ENVIRONMENT } from '../support/reference-assembly';

const RDS_CA_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';
const PASSWORD = 'rehearsal-Secret-1';
const ROWS = 200; // 200 rows of 64 KiB of random bytes: a 12.5 MiB dump, more than the AWS CLI's 8 MiB part size

describe('the dump task as Fargate runs it, against PostgreSQL 17 and S3 on loopback', () => {
  let dir: string;
  let task: SynthesizedContainer;
  let image: BuiltImage;
  let pg: RunningPostgres;
  let s3: RunningS3;
  let key: string;
  let run: (extra?: Partial<FargateRunOptions>) => ReturnType<typeof runContainer>;
  let dumpResult: ReturnType<typeof runContainer>;
  let baseEnv: Record<string, string>;
  const homes: Record<string, string> = {};
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
    });
    s3.python(`s3.create_bucket(Bucket='${bucket}', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})`);
    pg.psql('postgres', 'CREATE DATABASE app');
    pg.psql(
      'app',
      "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL); INSERT INTO customers VALUES (1, 'Zebulon Quartzfeather'), (2, 'Łukasz Żółć')",
    );
    pg.psql(
      'app',
      `CREATE TABLE blobs (id int PRIMARY KEY, data bytea NOT NULL); INSERT INTO blobs SELECT g, (SELECT decode(string_agg(md5(random()::text || g || h), ''), 'hex') FROM generate_series(1, 4096) h) FROM generate_series(1, ${ROWS}) g`,
    );

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
        secrets: { PGUSER: 'dumper', PGPASSWORD: PASSWORD },
        platformEnv: baseEnv,
        ...extra,
      });
    dumpResult = run();
    const listed = s3
      .python(`print('\\n'.join(o['Key'] for o in s3.list_objects_v2(Bucket='${bucket}').get('Contents', [])))`)
      .trim();
    key = listed.split('\n')[0];
  }, 600_000);

  afterAll(() => {
    pg?.stop();
    s3?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    console.log(
      `rehearsal (dump): image ${imageSeconds.toFixed(1)} s (${image?.buildSeconds ? 'built' : 'cached'}), whole file ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
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
    pg.psql('postgres', 'CREATE DATABASE restored');
    const r = run({
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
      'SELECT id || name FROM customers ORDER BY id',
      "SELECT md5(string_agg(md5(data), '' ORDER BY id)) || count(*) FROM blobs",
    ]) {
      expect(pg.psql('restored', q)).toBe(pg.psql('app', q));
    }
    expect(pg.psql('restored', 'SELECT count(*) FROM blobs').trim()).toBe(String(ROWS));
  });

  test('a wrong key fails to decrypt and restores nothing', () => {
    pg.psql('postgres', 'CREATE DATABASE wrong_key');
    const r = run({
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
