import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { RDS_LOGIN_RULE } from '../../../scripts/rehearsal/rds-login-rule';

/**
 * A real PostgreSQL 17 with pgaudit for the bootstrap rehearsal: Debian 13's packages in a root file system built by
 * scripts/rehearsal/debian-rootfs.sh, the server run under bubblewrap as the image's `postgres` user (never root) on
 * a loopback port, TLS only, with the settings of the Aurora cluster parameter group that matter here. Stands in for
 * what RDS provides: an `rds_iam` role, a master user that is not a superuser (CREATEROLE, database owner, allowed to
 * set pgaudit parameters), pgaudit creatable by that user (RDS allow-lists it; here its control file says
 * `trusted`), and RDS's login rule: a member of `rds_iam`, directly or through nested grants, logs in with an IAM token
 * only, and anyone else with a password only (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html).
 *
 * The rule is enforced by the server, not by the test: clients reach it by one of two paths, the password path
 * (127.0.0.1, scram-sha-256: what the master secret's clients use) and the token path (::1, standing in for RDS's PAM
 * check of a token; the stand-in token is a password the superuser sets), and a login event trigger refuses a session
 * whose path does not fit its membership. pg_hba's `+rds_iam` cannot say it: it counts the ADMIN-only grant PostgreSQL
 * 16+ gives a role's creator, which RDS does not (or every master that created an IAM user would be locked out); the
 * trigger counts every grant that passes rights on (INHERIT) or lets the member become the role (SET).
 */

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const REHEARSAL_DIR = process.env.REHEARSAL_DIR ?? path.join(REPO_ROOT, '.rehearsal');
const BIN = '/usr/lib/postgresql/17/bin';
/** The host directory is bound here: an existing, empty-enough directory of the image (the postgres user's home). */
const HOME = '/var/lib/postgresql';
/** The image has no locales but C.UTF-8; nothing of the host's environment leaks in. */
const SERVER_ENV = { PATH: `${BIN}:/usr/bin:/bin`, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

/** RDS's log_line_prefix, so the measured bytes per audit line are those CloudWatch Logs would ingest. */
export const RDS_LOG_LINE_PREFIX = '%t:%r:%u@%d:[%p]:';
export const MASTER_USER = 'platform_admin';
export const MASTER_PASSWORD = 'rehearsal-master';

/** How a client authenticates: with a password, or with (the stand-in of) an IAM authentication token. */
export type LoginMethod = 'password' | 'iam-token';
/** The loopback address of each login path; pg_hba.conf gives each its method. */
const LOGIN_ADDRESS: Record<LoginMethod, string> = { password: '127.0.0.1', 'iam-token': '::1' };

export interface SqlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class RehearsalPostgres {
  /** Builds (or reuses) the root file system and starts the server; resolves once it accepts TLS connections. */
  static async start(): Promise<RehearsalPostgres> {
    const rootfs = execFileSync(
      'bash',
      [
        path.join(REPO_ROOT, 'scripts/rehearsal/debian-rootfs.sh'),
        // The same name and packages as the rehearsal's postgresRootfs(17), so CI builds the root file system once.
        'postgres-17',
        'trixie',
        'postgresql-17',
        'postgresql-17-pgaudit',
        'openssl',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, REHEARSAL_DIR } },
    ).trim();
    const tmp = path.join(REHEARSAL_DIR, 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const work = fs.mkdtempSync(path.join(tmp, 'pg-'));
    const server = new RehearsalPostgres(rootfs, work, await freePort());
    await server.boot();
    return server;
  }

  readonly caFile: string;
  readonly logFile: string;
  private readonly uid: number;
  private readonly gid: number;
  private process?: ChildProcess;

  private constructor(
    readonly rootfs: string,
    private readonly work: string,
    readonly port: number,
  ) {
    const passwd = fs.readFileSync(path.join(rootfs, 'etc/passwd'), 'utf8');
    const entry = passwd.split('\n').find((l) => l.startsWith('postgres:'));
    if (!entry) throw new Error(`${rootfs}: no postgres user in /etc/passwd`);
    [this.uid, this.gid] = entry.split(':').slice(2, 4).map(Number);
    this.caFile = path.join(work, 'ca.pem');
    this.logFile = path.join(work, 'postgres.log');
  }

  /** The audit log so far (the server's stderr, RDS's line prefix). */
  log(): string {
    return fs.readFileSync(this.logFile, 'utf8');
  }

  /**
   * Runs psql 17 of the image (as nobody, TLS verify-full against the test CA) and returns what it printed. `method`
   * picks the login path: a role in rds_iam gets in by 'iam-token' only, any other role by 'password' only.
   */
  psql(user: string, password: string, sql: string, database = 'app', method: LoginMethod = 'password'): SqlResult {
    const conninfo = `host=localhost hostaddr=${LOGIN_ADDRESS[method]} port=${this.port} dbname=${database} user=${user} sslmode=verify-full sslrootcert=/tmp/ca.pem`;
    // From standard input, so each statement of a script is sent (and audited) on its own, as an application would.
    return this.client(['psql', conninfo, '-X', '-At', '-v', 'ON_ERROR_STOP=1', '-f', '-'], password, sql);
  }

  /** pg_dump 17 of the image in the custom format; returns the dump's size in bytes and what pg_restore lists. */
  dump(user: string, password: string): { bytes: number; listing: string } {
    const conninfo = `host=localhost hostaddr=127.0.0.1 port=${this.port} dbname=app user=${user} sslmode=verify-full sslrootcert=/tmp/ca.pem`;
    const out = this.client(
      [
        'sh',
        '-c',
        'pg_dump --format=custom --file=/tmp/app.pgdump "$0" && wc -c < /tmp/app.pgdump && pg_restore --list /tmp/app.pgdump',
        conninfo,
      ],
      password,
    );
    if (out.status !== 0) throw new Error(`pg_dump failed: ${out.stderr}`);
    const [bytes, ...listing] = out.stdout.split('\n');
    return { bytes: Number(bytes), listing: listing.join('\n') };
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    // bubblewrap hands no signal on, so the postmaster itself (its pid file, the host's pid namespace) gets SIGINT,
    // PostgreSQL's fast shutdown; bwrap exits with it.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const pidFile = path.join(this.work, 'home/data/postmaster.pid');
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
    if (pid > 1) process.kill(pid, 'SIGINT');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10000)))]);
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(this.work, { recursive: true, force: true });
  }

  private async boot(): Promise<void> {
    const home = path.join(this.work, 'home');
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, 'pw'), 'rehearsal-superuser\n');
    this.makeCertificates(home);
    // RDS allow-lists pgaudit for its master user; a trusted control file does the same for ours.
    const control = path.join(this.work, 'pgaudit.control');
    fs.writeFileSync(
      control,
      fs.readFileSync(path.join(this.rootfs, 'usr/share/postgresql/17/extension/pgaudit.control'), 'utf8') +
        'trusted = true\n',
    );
    execFileSync('chown', ['-R', `${this.uid}:${this.gid}`, home]);
    this.asPostgres(
      [`${BIN}/initdb`, '-D', `${HOME}/data`, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${HOME}/pw`],
      home,
      control,
      'ignore',
    );
    fs.appendFileSync(
      path.join(home, 'data/postgresql.conf'),
      [
        `listen_addresses = '${Object.values(LOGIN_ADDRESS).join(',')}'`,
        `port = ${this.port}`,
        "unix_socket_directories = ''",
        'ssl = on',
        `ssl_cert_file = '${HOME}/server.crt'`,
        `ssl_key_file = '${HOME}/server.key'`,
        // The cluster parameter group of MultiAzDatabase, as far as pgaudit and connection logging go.
        "shared_preload_libraries = 'pgaudit'",
        "pgaudit.log = 'read,write,ddl,role'",
        'pgaudit.log_parameter = off',
        'pgaudit.log_relation = on',
        "pgaudit.role = 'rds_pgaudit'",
        'log_connections = on',
        'log_disconnections = on',
        "log_destination = 'stderr'",
        `log_line_prefix = '${RDS_LOG_LINE_PREFIX}'`,
        '',
      ].join('\n'),
    );
    // rds.force_ssl: TLS or nothing. The token path checks the stand-in token as RDS's PAM module gets one: in clear
    // text, inside TLS. Which path a role may take is the login trigger's to say (setUpLikeRds).
    fs.writeFileSync(
      path.join(home, 'data/pg_hba.conf'),
      [
        `hostssl all all ${LOGIN_ADDRESS.password}/32 scram-sha-256`,
        `hostssl all all ${LOGIN_ADDRESS['iam-token']}/128 password`,
        '',
      ].join('\n'),
    );
    const log = fs.openSync(this.logFile, 'a');
    this.process = spawn('bwrap', this.sandbox(home, control, [`${BIN}/postgres`, '-D', `${HOME}/data`], true), {
      stdio: ['ignore', log, log],
      env: SERVER_ENV,
    });
    fs.closeSync(log);
    await this.waitUntilReady();
    this.setUpLikeRds();
  }

  /**
   * What RDS creates before anyone connects: rds_iam, a master user that is not a superuser, its database, and the
   * login rule (in template1, so the application database has it too; event triggers are per database).
   */
  private setUpLikeRds(): void {
    const su = (sql: string, db = 'postgres') => {
      const r = this.psql('postgres', 'rehearsal-superuser', sql, db);
      if (r.status !== 0) throw new Error(`setup failed: ${sql}: ${r.stderr}`);
    };
    su('CREATE ROLE rds_iam NOLOGIN');
    su(`CREATE ROLE ${MASTER_USER} LOGIN CREATEROLE CREATEDB PASSWORD '${MASTER_PASSWORD}'`);
    // RDS lets its master grant rds_iam without being a member; here an ADMIN-only grant does (PostgreSQL 16+ needs
    // ADMIN OPTION to grant a role), which neither passes rds_iam's rights on nor lets the master become it.
    su(`GRANT rds_iam TO ${MASTER_USER} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE`);
    su(`GRANT SET ON PARAMETER pgaudit.log, pgaudit.log_relation, pgaudit.role TO ${MASTER_USER}`);
    su(RDS_LOGIN_RULE, 'template1');
    su(`CREATE DATABASE app OWNER ${MASTER_USER}`);
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 30000;
    for (;;) {
      const r = this.psql('postgres', 'rehearsal-superuser', 'SELECT 1', 'postgres');
      if (r.status === 0) return;
      if (this.process?.exitCode !== null || Date.now() > deadline) {
        throw new Error(`PostgreSQL did not start: ${r.stderr}\n${fs.existsSync(this.logFile) ? this.log() : ''}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  private makeCertificates(home: string): void {
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: home, stdio: 'ignore' });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Rehearsal CA',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
    );
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
    );
    // Host name localhost only: a client that verifies the name (verify-full) refuses 127.0.0.1 as a host name.
    fs.writeFileSync(path.join(home, 'san.ext'), 'subjectAltName=DNS:localhost\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'san.ext',
      '-out',
      'server.crt',
    );
    fs.chmodSync(path.join(home, 'server.key'), 0o600);
    fs.copyFileSync(path.join(home, 'ca.pem'), this.caFile);
    fs.rmSync(path.join(home, 'ca.key'));
  }

  private asPostgres(argv: string[], home: string, control: string | undefined, stdio: 'ignore' | 'inherit'): void {
    execFileSync('bwrap', this.sandbox(home, control, argv, true), {
      stdio: ['ignore', stdio, 'inherit'],
      env: SERVER_ENV,
    });
  }

  private client(argv: string[], password: string, input?: string): SqlResult {
    try {
      const stdout = execFileSync('bwrap', this.sandbox(undefined, undefined, argv, false), {
        encoding: 'utf8',
        input: input ?? '',
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { PATH: `${BIN}:/usr/bin:/bin`, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
      });
      return { status: 0, stdout: stdout.trim(), stderr: '' };
    } catch (e) {
      const err = e as { status?: number; stdout?: string; stderr?: string };
      return {
        status: err.status ?? 1,
        stdout: String(err.stdout ?? '').trim(),
        stderr: String(err.stderr ?? '').trim(),
      };
    }
  }

  /** bubblewrap: the image read-only as /, the server's files bound in, run as postgres (server) or nobody (client). */
  private sandbox(
    home: string | undefined,
    control: string | undefined,
    argv: string[],
    asPostgres: boolean,
  ): string[] {
    const args = [
      '--ro-bind',
      this.rootfs,
      '/',
      '--dev',
      '/dev',
      '--proc',
      '/proc',
      '--perms',
      '1777',
      '--tmpfs',
      '/tmp',
    ];
    args.push('--tmpfs', '/run');
    if (home) args.push('--bind', home, HOME);
    if (control) args.push('--ro-bind', control, '/usr/share/postgresql/17/extension/pgaudit.control');
    args.push('--ro-bind', this.caFile, '/tmp/ca.pem');
    // The server keeps the host's pid namespace, so stop() can signal the postmaster by the pid it writes.
    if (!asPostgres) args.push('--unshare-pid');
    args.push('--unshare-ipc', '--unshare-uts', '--die-with-parent', '--');
    const [uid, gid] = asPostgres ? [this.uid, this.gid] : [65534, 65534];
    return [...args, 'setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', ...argv];
  }
}

/** A free loopback port, asked of the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
