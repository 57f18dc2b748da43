/**
 * A throwaway PostgreSQL server of a given major version from a Debian root file system (debian-rootfs.sh), run as
 * its postgres user under bubblewrap, with TLS only: a certificate for 127.0.0.1 signed by the rehearsal's test CA.
 */
import { ChildProcess, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REHEARSAL_DIR, resolveUser } from './build-image';
import { sandboxOk, sandboxRun, sandboxStart } from './sandbox';
import { freePort } from './free-port';
import { RDS_LOGIN_RULE } from './rds-login-rule';

export interface TestCa {
  /** The CA certificate (PEM), what a client trusts. */
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

/** The Debian root file system with the server, pgaudit (MONITOR-1) and openssl, built once. */
export function postgresRootfs(major: number, suite = 'trixie'): string {
  return execFileSync(
    'bash',
    [
      path.join(__dirname, 'debian-rootfs.sh'),
      `postgres-${major}`,
      suite,
      `postgresql-${major}`,
      `postgresql-${major}-pgaudit`,
      'openssl',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, REHEARSAL_DIR } },
  ).trim();
}

/**
 * A CA and a server certificate for 127.0.0.1 it signed, made with the root file system's openssl. Kept under
 * .rehearsal/test-ca/<name> so images that bake the CA stay cached between runs.
 */
export function testCa(rootfs: string, name: string): TestCa {
  const dir = path.join(REHEARSAL_DIR, 'test-ca', name);
  const files = {
    caCert: path.join(dir, 'ca.crt'),
    serverCert: path.join(dir, 'server.crt'),
    serverKey: path.join(dir, 'server.key'),
  };
  if (fs.existsSync(files.serverKey)) return files;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const script = [
    [
      'openssl',
      'req',
      '-x509',
      ...ec,
      '-days',
      '3650',
      '-subj',
      `/CN=Rehearsal test CA ${name}`,
      '-keyout',
      '/ca/ca.key',
      '-out',
      '/ca/ca.crt',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    ['openssl', 'req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', '/ca/server.key', '-out', '/ca/server.csr'],
    [
      'openssl',
      'x509',
      '-req',
      '-in',
      '/ca/server.csr',
      '-CA',
      '/ca/ca.crt',
      '-CAkey',
      '/ca/ca.key',
      '-CAcreateserial',
      '-days',
      '3650',
      '-extfile',
      '/ca/server.ext',
      '-out',
      '/ca/server.crt',
    ],
  ];
  for (const argv of script) {
    sandboxOk({
      rootfs,
      uid: 0,
      gid: 0,
      argv,
      binds: [{ host: dir, container: '/ca', writable: true }],
      env: { PATH: '/usr/bin:/bin' },
    });
  }
  fs.chmodSync(files.caCert, 0o644);
  return files;
}

/**
 * What RDS creates before anyone connects, for a rehearsal that runs the bootstrap: `rds_iam`, a master user that is
 * no superuser (CREATEROLE, CREATEDB, allowed to set pgaudit's parameters and, as RDS allow-lists it, to create
 * pgaudit), the database it owns, and RDS's login rule (a member of rds_iam, directly or nested, cannot log in with a
 * password).
 */
export interface LikeRds {
  readonly masterUser: string;
  readonly masterPassword: string;
  readonly database: string;
}

export interface SqlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunningPostgres {
  readonly port: number;
  /** libpq environment of a verified TLS connection as the superuser (PGSSLROOTCERT inside the server rootfs). */
  readonly env: Record<string, string>;
  psql(database: string, sql: string): string;
  /** psql as `user` with `password` (a fresh password login, verify-full); never throws. */
  psqlAs(user: string, password: string, database: string, sql: string): SqlResult;
  stop(): void;
  log(): string;
}

/** Starts the server on a free loopback port, TLS only (hostssl, scram-sha-256), and waits until it answers. */
export async function startPostgres(options: {
  rootfs: string;
  major: number;
  ca: TestCa;
  workDir: string;
  user: string;
  password: string;
  /** Set up as RDS would: see LikeRds. @default - a plain server, `user` its superuser */
  likeRds?: LikeRds;
}): Promise<RunningPostgres> {
  const { uid, gid } = resolveUser(options.rootfs, 'postgres');
  const bin = `/usr/lib/postgresql/${options.major}/bin`;
  fs.mkdirSync(options.workDir, { recursive: true, mode: 0o755 });
  const dirs = ['data', 'run', 'certs'].map((d) => path.join(options.workDir, d));
  for (const d of dirs) {
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    fs.chownSync(d, uid, gid);
  }
  const [data, run, certs] = dirs;
  for (const [from, to] of [
    [options.ca.serverCert, 'server.crt'],
    [options.ca.serverKey, 'server.key'],
    [options.ca.caCert, 'ca.crt'],
  ]) {
    fs.copyFileSync(from, path.join(certs, to));
    fs.chownSync(path.join(certs, to), uid, gid);
    fs.chmodSync(path.join(certs, to), 0o600);
  }
  fs.writeFileSync(path.join(run, 'pw'), options.password);
  fs.chownSync(path.join(run, 'pw'), uid, gid);
  const binds = [
    { host: data, container: '/data', writable: true },
    { host: run, container: '/run/postgresql', writable: true },
    { host: certs, container: '/certs' },
  ];
  if (options.likeRds) {
    // RDS allow-lists pgaudit for its master user; a trusted control file does the same here.
    const extension = `/usr/share/postgresql/${options.major}/extension/pgaudit.control`;
    const control = path.join(run, 'pgaudit.control');
    fs.writeFileSync(control, fs.readFileSync(path.join(options.rootfs, extension), 'utf8') + 'trusted = true\n');
    binds.push({ host: control, container: extension });
  }
  const base = { rootfs: options.rootfs, uid, gid, binds, env: { PATH: `${bin}:/usr/bin:/bin`, LANG: 'C' } };
  sandboxOk({
    ...base,
    argv: [
      'initdb',
      '--pgdata',
      '/data',
      '--username',
      options.user,
      '--auth',
      'scram-sha-256',
      '--pwfile',
      '/run/postgresql/pw',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--no-sync',
    ],
  });
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    'hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\nlocal all all reject\n',
  );
  const port = await freePort();
  // Every statement is logged (log_statement below), so the log outgrows a pipe within one pg_dump.
  const logFile = path.join(options.workDir, 'postgres.log');
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const server: ChildProcess = sandboxStart(
    {
      ...base,
      argv: [
        'postgres',
        '-D',
        '/data',
        '-c',
        `port=${port}`,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'ssl=on',
        '-c',
        'ssl_cert_file=/certs/server.crt',
        '-c',
        'ssl_key_file=/certs/server.key',
        '-c',
        'fsync=off',
        '-c',
        'shared_preload_libraries=pgaudit',
        // Every statement and its parameters in the log: what reaches the server is visible to the test.
        ...(options.likeRds ? ['-c', 'log_statement=all'] : []),
      ],
    },
    { logFile },
  );
  const env = {
    PGHOST: '127.0.0.1',
    PGPORT: String(port),
    PGUSER: options.user,
    PGPASSWORD: options.password,
    PGSSLMODE: 'verify-full',
    PGSSLROOTCERT: '/certs/ca.crt',
  };
  const psql = (database: string, sql: string) =>
    sandboxOk({
      ...base,
      env: { ...base.env, ...env, PGDATABASE: database },
      argv: ['psql', '--no-psqlrc', '--tuples-only', '--no-align', '--set=ON_ERROR_STOP=1', '--command', sql],
    });
  const psqlAs = (user: string, password: string, database: string, sql: string): SqlResult => {
    const r = sandboxRun({
      ...base,
      env: { ...base.env, ...env, PGUSER: user, PGPASSWORD: password, PGDATABASE: database },
      argv: ['psql', '--no-psqlrc', '--tuples-only', '--no-align', '--set=ON_ERROR_STOP=1', '--command', sql],
    });
    return { status: r.status ?? 1, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
  };
  for (let i = 0; ; i++) {
    try {
      psql('postgres', 'SELECT 1');
      break;
    } catch (e) {
      if (i > 100 || server.exitCode !== null) throw new Error(`PostgreSQL did not start: ${log()}\n${String(e)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const rds = options.likeRds;
  if (rds) {
    psql('postgres', 'CREATE ROLE rds_iam NOLOGIN');
    psql('postgres', `CREATE ROLE ${rds.masterUser} LOGIN CREATEROLE CREATEDB PASSWORD '${rds.masterPassword}'`);
    // RDS lets its master grant rds_iam without being a member; an ADMIN-only grant does here (PostgreSQL 16+).
    psql('postgres', `GRANT rds_iam TO ${rds.masterUser} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE`);
    psql('postgres', `GRANT SET ON PARAMETER pgaudit.log, pgaudit.log_relation, pgaudit.role TO ${rds.masterUser}`);
    // In template1, so every database created afterwards has the rule (event triggers are per database).
    psql('template1', RDS_LOGIN_RULE);
    psql('postgres', `CREATE DATABASE ${rds.database} OWNER ${rds.masterUser}`);
  }
  return { port, env, psql, psqlAs, stop: () => server.kill('SIGKILL'), log };
}
