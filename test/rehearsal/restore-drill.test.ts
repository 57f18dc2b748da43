/**
 * The restore runbook's own path for a GPG dump (docs/runbooks/restore.md, section 3), run as a drill: the `sh drill`
 * blocks are read from the runbook and run as written, so the drill fails when the runbook drifts.
 *
 * The dump is made as production makes it: the real dump.sh, as the dump's own read-only login (dump_reader), of a
 * PostgreSQL 17 set up by the database bootstrap as RDS would be, encrypted with GnuPG, uploaded to the S3 emulator on
 * loopback with its digest record. The workstation has GnuPG, the AWS CLI, and PostgreSQL 17's client tools (from the
 * rehearsal's Debian root file system, run under bubblewrap: the host's may be older, and pg_restore reads no archive
 * of a newer pg_dump).
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { postgresRootfs, RunningPostgres, startPostgres, testCa } from '../../scripts/rehearsal/postgres-server';
import { RunningS3, startS3, VENV_BIN } from '../../scripts/rehearsal/s3-server';
import { sandboxArgv } from '../../scripts/rehearsal/sandbox';
import { bootstrapSql, runBootstrap } from '../../lib/data/database-bootstrap/run-bootstrap';
import { DUMP_CONTAINER_DIR } from '../../lib/backup/gpg-dump-task';

const RUNBOOK = path.join(__dirname, '../../docs/runbooks/restore.md');
const SUPERUSER = { user: 'dumper', password: 'drill-Secret-1' };
const MASTER = { user: 'platform_admin', password: 'drill-Master-1' };
const DUMP_READER = { user: 'dump_reader', password: 'drillDumpReader0Secret9' };
const BUCKET = 'drill-dumps';
const PG_TOOLS = ['psql', 'pg_dump', 'pg_restore'];

const ROOT_FOR_SCRIPTS = path.resolve(__dirname, '../..');

/** The `sh drill` blocks of the runbook's section 3, in order, their list indentation removed. */
function drillBlocks(markdown: string): string[] {
  const section = markdown.slice(markdown.indexOf('## 3. '), markdown.indexOf('\n## ', markdown.indexOf('## 3. ') + 1));
  return [...section.matchAll(/^( *)```sh drill\n([\s\S]*?)^\1```$/gm)].map(([, indent, body]) =>
    body
      .split('\n')
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n'),
  );
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command without blocking the event loop: the server's log (log_statement = all) is read by this process,
 * and a restore logs enough to fill the pipe and stall the server while a synchronous child runs.
 */
function run(argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe("the restore runbook's GPG dump path, drilled offline against PostgreSQL 17 and the S3 emulator", () => {
  let dir: string;
  let pg: RunningPostgres;
  let s3: RunningS3;
  let shims: string;
  let caFile: string;
  let key: string;
  let blocks: string[];
  let drill: Run;
  const homes: Record<string, string> = {};

  /** The workstation's environment: its tools, the emulator's endpoint, the target database (the superuser). */
  const workstation = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    // The AWS CLI pinned in .venv (requirements-ci.txt) and the host's GnuPG; never the host's AWS configuration.
    PATH: `${shims}:${VENV_BIN}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME ?? dir,
    AWS_CONFIG_FILE: path.join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-aws-credentials'),
    TMPDIR: path.join(dir, 'tmp'),
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    PGHOST: '127.0.0.1',
    PGPORT: String(pg.port),
    PGSSLMODE: 'verify-full',
    PGSSLROOTCERT: caFile,
    ...extra,
  });
  /** The runbook's step 1, as this drill fills it in; then its `sh drill` blocks exactly as written. */
  const runDrill = (target: string, env: Record<string, string>) => {
    pg.psql('postgres', `CREATE DATABASE ${target} TEMPLATE template0`);
    return run(['bash', '-c', ['set -euo pipefail', ...blocks].join('\n')], {
      cwd: dir,
      env: workstation({
        DUMP_BUCKET: BUCKET,
        DUMP: key,
        GNUPGHOME: homes.recipient,
        PGUSER: SUPERUSER.user,
        PGPASSWORD: SUPERUSER.password,
        PGDATABASE: target,
        SOURCE_DATABASE: 'dbname=app',
        RESTORE_SCRIPTS: path.join(ROOT_FOR_SCRIPTS, 'lib/backup/dump-task/container'),
        ...env,
      }),
    });
  };
  const tables = (database: string) =>
    pg.psql(database, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'app'").trim();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-drill-'));
    // The server runs as the root file system's postgres user, which must reach its directories below this one.
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'tmp'));
    for (const tool of ['aws', 'gpg', 'sha256sum', 'diff']) {
      // The workstation's PATH: .venv/bin has the AWS CLI pinned in requirements-ci.txt.
      if (
        spawnSync('sh', ['-c', `command -v ${tool}`], {
          env: { PATH: `${VENV_BIN}:${process.env.PATH ?? '/usr/bin:/bin'}` },
        }).status !== 0
      ) {
        throw new Error(
          `the restore drill needs ${tool} on the workstation's PATH (the AWS CLI: .venv/bin from requirements-ci.txt; GnuPG, coreutils)`,
        );
      }
    }
    blocks = drillBlocks(fs.readFileSync(RUNBOOK, 'utf8'));
    const rootfs = postgresRootfs(17);
    const ca = testCa(rootfs, 'database');
    caFile = path.join(dir, 'rds-ca.pem');
    fs.copyFileSync(ca.caCert, caFile);
    s3 = await startS3(path.join(dir, 's3.log'));
    s3.python(`s3.create_bucket(Bucket='${BUCKET}', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})`);
    pg = await startPostgres({
      rootfs,
      major: 17,
      ca,
      workDir: path.join(dir, 'pg'),
      ...SUPERUSER,
      likeRds: { masterUser: MASTER.user, masterPassword: MASTER.password, database: 'app' },
    });

    // PostgreSQL 17's client tools on the workstation's PATH: each runs in the server's root file system, with the
    // libpq variables of the caller and the drill's directory at its own path.
    shims = path.join(dir, 'bin');
    fs.mkdirSync(shims);
    const prefix = sandboxArgv({
      rootfs,
      uid: process.getuid!(),
      gid: process.getgid!(),
      argv: [],
      binds: [{ host: dir, container: dir, writable: true }],
      env: { PATH: '/usr/lib/postgresql/17/bin:/usr/bin:/bin', LANG: 'C.UTF-8' },
    }).slice(0, -3); // without its --chdir / --
    for (const tool of PG_TOOLS) {
      fs.writeFileSync(
        path.join(shims, tool),
        [
          '#!/usr/bin/env bash',
          'env_args=()',
          'for v in PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSSLMODE PGSSLROOTCERT; do',
          '  if [[ -n "${!v:-}" ]]; then env_args+=(--setenv "$v" "${!v}"); fi',
          'done',
          // The caller's directory when the sandbox sees it (the drill's), else the root.
          `case "$PWD" in ${quote(dir)} | ${quote(dir)}/*) at="$PWD" ;; *) at=/ ;; esac`,
          `exec ${prefix.map(quote).join(' ')} "\${env_args[@]}" --chdir "$at" -- /usr/lib/postgresql/17/bin/${tool} "$@"`,
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
    }

    // The key holder's keyring (outside AWS) and a stranger's, with the workstation's GnuPG.
    for (const name of ['recipient', 'stranger']) {
      homes[name] = path.join(dir, `gnupg-${name}`);
      fs.mkdirSync(homes[name], { mode: 0o700 });
      const r = spawnSync(
        'gpg',
        [
          '--batch',
          '--passphrase',
          '',
          '--quick-gen-key',
          `${name} <${name}@drill.invalid>`,
          'future-default',
          'default',
          'never',
        ],
        { encoding: 'utf8', env: { ...process.env, GNUPGHOME: homes[name] } },
      );
      if (r.status !== 0) throw new Error(r.stderr);
    }
    const publicKey = spawnSync('gpg', ['--armor', '--export'], {
      encoding: 'utf8',
      env: { ...process.env, GNUPGHOME: homes.recipient },
    }).stdout;
    fs.writeFileSync(path.join(dir, 'recipient.asc'), publicKey);

    // Production's order: the deploy's bootstrap, the application's data, the nightly dump as dump_reader.
    await runBootstrap(
      {
        host: '127.0.0.1',
        port: pg.port,
        database: 'app',
        ...{ user: MASTER.user, password: MASTER.password },
        ca: [fs.readFileSync(caFile, 'utf8')],
      },
      [],
      bootstrapSql(),
      DUMP_READER,
    );
    const data = pg.psqlAs(
      MASTER.user,
      MASTER.password,
      'app',
      [
        'SET ROLE app_owner',
        'CREATE TABLE app.customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE)',
        "INSERT INTO app.customers (name, email) SELECT 'customer ' || g, 'c' || g || '@drill.invalid' FROM generate_series(1, 500) g",
        "INSERT INTO app.customers (name) VALUES ('Łukasz Żółć'), (E'quote '' and\\nnewline')",
        'CREATE TABLE app.invoices (id bigint PRIMARY KEY, customer_id int, amount numeric(12, 2), issued timestamptz, lines jsonb)',
        "INSERT INTO app.invoices SELECT g, 1 + g % 500, g * 1.25, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour', jsonb_build_object('sku', g, 'qty', g % 7) FROM generate_series(1, 2000) g",
        // After the rows: a per-row check floods the server's audit log while this process waits on psql.
        'ALTER TABLE app.invoices ADD FOREIGN KEY (customer_id) REFERENCES app.customers',
        'CREATE TABLE app.blobs (id int PRIMARY KEY, data bytea NOT NULL)',
        "INSERT INTO app.blobs SELECT g, decode(repeat(md5(g::text), 128), 'hex') FROM generate_series(1, 64) g",
        'CREATE TABLE app.empty_table (id int)',
      ].join('; '),
    );
    if (data.status !== 0) throw new Error(data.stderr);
    const dump = await run(['bash', path.join(DUMP_CONTAINER_DIR, 'dump.sh')], {
      cwd: dir,
      env: workstation({
        PGUSER: DUMP_READER.user,
        PGPASSWORD: DUMP_READER.password,
        PGDATABASE: 'app',
        GPG_RECIPIENT_KEY_FILE: path.join(dir, 'recipient.asc'),
        DUMP_TARGET: `s3://${BUCKET}/postgres/`,
      }),
    });
    if (dump.status !== 0) throw new Error(`dump.sh failed: ${dump.stderr}`);
    key = s3
      .python(`print('\\n'.join(o['Key'] for o in s3.list_objects_v2(Bucket='${BUCKET}')['Contents']))`)
      .split('\n')
      .find((k) => k.endsWith('.pgdump.gpg'))!;

    drill = await runDrill('restored', {});
  }, 600_000);

  afterAll(() => {
    // GnuPG started an agent per keyring; they would outlive the directory.
    for (const home of Object.values(homes)) spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    pg?.stop();
    s3?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the runbook has the drill blocks: fetch and check the record, decrypt, restore, compare, delete the plaintext', () => {
    const script = blocks.join('\n');
    for (const command of [
      /aws s3 cp .*"s3:\/\/\$DUMP_BUCKET\/\$DUMP\.sha256"/,
      /sha256sum --check --strict/,
      /gpg --batch --decrypt --output dump\.pgdump/,
      /pg_restore --no-owner --no-privileges --exit-on-error --dbname="\$PGDATABASE" dump\.pgdump/,
      /diff source\.figures restored\.figures/,
      /rm -rf "\$work"/,
    ]) {
      expect(script).toMatch(command);
    }
  });

  test("following the runbook restores the dump, and its comparison finds the source's schema, rows and checksums", () => {
    expect([drill.status, drill.stderr]).toEqual([0, expect.any(String)]);
    expect(drill.stdout).toContain(`${path.basename(key)}: OK`);
    expect(drill.stdout).toMatch(/restore: the schema, row counts and row checksums of schema app match the source$/m);
    // The figures it printed, row by row: table, columns, count, checksum.
    const figures = drill.stdout
      .split('\n')
      .filter((l) => l.includes('|'))
      .map((l) => l.split('|'));
    expect(figures.map(([table, , count]) => `${table} ${count}`)).toEqual([
      'blobs 64',
      'customers 502',
      'empty_table 0',
      'invoices 2000',
    ]);
    expect(figures.every(([, , , sum]) => /^[0-9a-f]{32}$/.test(sum))).toBe(true);
    expect(figures.find(([t]) => t === 'invoices')?.[1]).toBe(
      'id bigint, customer_id integer, amount numeric, issued timestamp with time zone, lines jsonb',
    );
  });

  test('the restored rows are the source rows, read independently of the runbook', () => {
    for (const q of [
      "SELECT md5(string_agg(c::text, ',' ORDER BY id)) || count(*) FROM app.customers c",
      "SELECT md5(string_agg(i::text, ',' ORDER BY id)) || count(*) FROM app.invoices i",
      "SELECT md5(string_agg(md5(data), '' ORDER BY id)) || count(*) FROM app.blobs",
    ]) {
      expect(pg.psql('restored', q)).toBe(pg.psql('app', q));
    }
  });

  test('the plaintext is gone after the drill: its working directory was deleted', () => {
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  test('fails at the decryption, before the database is touched, with a keyring that does not hold the private key', async () => {
    const r = await runDrill('wrong_key', { GNUPGHOME: homes.stranger });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/decryption failed: No secret key/);
    expect(tables('wrong_key')).toBe('0');
  });

  test('fails at the record check, before decrypting, when the fetched dump is not what dump.sh uploaded', async () => {
    // A copy with one byte flipped, beside the original's record.
    const tampered = key.replace('.pgdump.gpg', '-tampered.pgdump.gpg');
    s3.python(
      [
        `body = bytearray(s3.get_object(Bucket='${BUCKET}', Key='${key}')['Body'].read())`,
        `body[len(body) // 2] ^= 1`,
        `s3.put_object(Bucket='${BUCKET}', Key='${tampered}', Body=bytes(body))`,
        `record = s3.get_object(Bucket='${BUCKET}', Key='${key}.sha256')['Body'].read().decode()`,
        `s3.put_object(Bucket='${BUCKET}', Key='${tampered}.sha256', Body=record.replace('${path.basename(key)}', '${path.basename(tampered)}'))`,
      ].join('\n'),
    );
    const r = await runDrill('tampered', { DUMP: tampered });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/-tampered\.pgdump\.gpg: FAILED/);
    expect(r.stderr).not.toMatch(/gpg: encrypted with/);
    expect(tables('tampered')).toBe('0');
  });

  test('the runbook records this drill with its date and what it proved', () => {
    expect(fs.readFileSync(RUNBOOK, 'utf8')).toMatch(
      /^\| 2026-12-06 \| steps 2 to 6 against a dump made by `dump\.sh`.*\| .*schema `app` equal the source's \|$/m,
    );
  });
});
