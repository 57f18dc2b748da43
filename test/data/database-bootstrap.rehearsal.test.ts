import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bootstrapSql, BootstrapReport, runBootstrap } from '../../lib/data/database-bootstrap/run-bootstrap';
import { MASTER_PASSWORD, MASTER_USER, RehearsalPostgres } from './rehearsal/postgres-server';

/**
 * The bootstrap's SQL, through the function's own runner (pg, TLS verify-full), against a real PostgreSQL 17 with
 * pgaudit (Debian 13's packages, server as a non-root user on a loopback port): idempotent, the application role
 * confined, people audited and the application not, the dump still working. Also measures the audit log's bytes
 * per line for docs/database-audit-log.md, written to .rehearsal/audit-log-measurement.json.
 */

const APP_PASSWORD = 'stands-in-for-an-iam-token';
const PERSON_PASSWORD = 'stands-in-for-a-persons-iam-token';
/** A statement of the shape an application sends: a lookup by key with a handful of columns. */
const APP_READ =
  "SELECT id, customer_id, status, total_cents, created_at FROM app.orders WHERE customer_id = 'c-0042' ORDER BY created_at DESC LIMIT 20;";
const APP_WRITE = "INSERT INTO app.orders (customer_id, status, total_cents) VALUES ('c-0042', 'paid', 1999);";
const MEASUREMENT_FILE = path.resolve(__dirname, '../../.rehearsal/audit-log-measurement.json');

let pg: RehearsalPostgres;
let started: number;
let first: BootstrapReport;
let second: BootstrapReport;
let ca: string[];

const master = (sql: string) => pg.psql(MASTER_USER, MASTER_PASSWORD, sql);
const app = (sql: string) => pg.psql('app_service', APP_PASSWORD, sql);
const person = (sql: string) => pg.psql('alice', PERSON_PASSWORD, sql);
const connection = (over: Partial<{ host: string; ca: string[] }> = {}) => ({
  host: 'localhost',
  port: pg.port,
  database: 'app',
  user: MASTER_USER,
  password: MASTER_PASSWORD,
  ca,
  ...over,
});
/** A CA that did not sign the server's certificate. */
function otherCa(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'other-ca-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Other CA',
      '-keyout',
      'k',
      '-out',
      'c',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const pem = fs.readFileSync(path.join(dir, 'c'), 'utf8');
  fs.rmSync(dir, { recursive: true });
  return pem;
}

/** Lines of the server log written since `mark` (a length of the log). */
const logSince = (mark: number) => pg.log().slice(mark).split('\n').filter(Boolean);
/** A set-up step that must succeed (outside a test, so it throws instead of expecting). */
function must(r: { status: number; stderr: string }): void {
  if (r.status !== 0) throw new Error(`rehearsal set-up failed: ${r.stderr}`);
}
const auditLines = (lines: string[]) => lines.filter((l) => l.includes(' AUDIT: '));

beforeAll(
  async () => {
    started = Date.now();
    pg = await RehearsalPostgres.start();
    ca = [fs.readFileSync(pg.caFile, 'utf8')];
    // Another schema the application must not read: the master user's own.
    must(
      master(
        "CREATE SCHEMA internal; CREATE TABLE internal.staff_notes (note text); INSERT INTO internal.staff_notes VALUES ('payroll');",
      ),
    );
    const { digest } = bootstrapSql();
    first = (await runBootstrap(connection(), ['alice', 'bob'], digest)).report;
    second = (await runBootstrap(connection(), ['alice', 'bob'], digest)).report;
    // IAM authentication is RDS's; here a password stands in for the token.
    const su = (sql: string) => pg.psql('postgres', 'rehearsal-superuser', sql);
    must(su(`ALTER ROLE app_service PASSWORD '${APP_PASSWORD}'; ALTER ROLE alice PASSWORD '${PERSON_PASSWORD}';`));
    must(
      app(
        'CREATE TABLE app.orders (id bigserial PRIMARY KEY, customer_id text, status text, total_cents int, created_at timestamptz DEFAULT now());',
      ),
    );
  },
  30 * 60 * 1000,
);

afterAll(async () => {
  await pg?.stop();
  console.log(`database bootstrap rehearsal: ${((Date.now() - started) / 1000).toFixed(1)} s wall time`);
});

describe('database bootstrap rehearsal (PostgreSQL 17, pgaudit)', () => {
  test('runs twice to the same state: pgaudit, rds_pgaudit, the roles and their audit classes', () => {
    expect(second).toEqual(first);
    expect(first.pgaudit).toMatch(/^17\./);
    expect(first.rdsPgauditRole).toBe(true);
    expect(first.databasePgauditLog).toBe('read,write,ddl,role');
    expect(first.roles.app_service).toEqual({
      login: true,
      superuser: false,
      createRole: false,
      createDb: false,
      pgauditLog: 'ddl,role',
      memberOf: ['rds_iam'],
    });
    expect(first.roles.alice).toMatchObject({
      login: true,
      superuser: false,
      createRole: false,
      pgauditLog: 'read,write,ddl,role',
    });
    expect(first.roles.alice.memberOf).toEqual(['db_people', 'rds_iam']);
    expect(first.roles.db_people).toMatchObject({ login: false, superuser: false });
  });

  test('refuses a SQL file other than the one declared', async () => {
    await expect(runBootstrap(connection(), [], '0'.repeat(64))).rejects.toThrow(/differs from the declared/);
  });

  test('connects only over TLS verified against the CA, host name included (verify-full)', async () => {
    await expect(runBootstrap(connection({ host: '127.0.0.1' }), [], undefined)).rejects.toThrow(
      /localhost|IP|altnames/i,
    );
    await expect(runBootstrap(connection({ ca: [otherCa()] }), [], undefined)).rejects.toThrow(
      /self-signed|unable to verify|certificate/i,
    );
    await expect(runBootstrap(connection({ ca: [] }), [], undefined)).rejects.toThrow(/no CA certificates/);
  });

  test('the application reads and writes its own schema', () => {
    const r = app(`${APP_WRITE}\n${APP_READ}`);
    expect(r).toMatchObject({ status: 0 });
    expect(r.stdout).toMatch(/c-0042\|paid\|1999/);
  });

  test('the application cannot read another schema', () => {
    expect(app('SELECT * FROM internal.staff_notes;').stderr).toMatch(/permission denied for schema internal/);
  });

  test('the application cannot create roles', () => {
    expect(app('CREATE ROLE intruder LOGIN;').stderr).toMatch(/permission denied to create role/);
  });

  test('the application cannot change pgaudit settings, for its session or its role', () => {
    expect(app("SET pgaudit.log = 'none';").stderr).toMatch(/permission denied to set parameter "pgaudit.log"/);
    expect(app("ALTER ROLE app_service SET pgaudit.log = 'none';").stderr).toMatch(/permission denied/);
    expect(app('RESET pgaudit.log;').stderr).toMatch(/permission denied to set parameter "pgaudit.log"/);
    expect(app('SHOW pgaudit.log;').stdout).toBe('ddl,role');
  });

  test("a person's read is in the audit log; the application's is not", () => {
    const mark = pg.log().length;
    expect(app(APP_READ).status).toBe(0);
    expect(person(APP_READ).status).toBe(0);
    const audit = auditLines(logSince(mark));
    expect(audit.filter((l) => l.includes('alice@app') && /READ,SELECT,TABLE,app\.orders/.test(l))).toHaveLength(1);
    expect(audit.filter((l) => l.includes('app_service@app'))).toEqual([]);
  });

  test("the application's DDL is still audited", () => {
    const mark = pg.log().length;
    expect(app('CREATE INDEX IF NOT EXISTS orders_customer ON app.orders (customer_id);').status).toBe(0);
    expect(
      auditLines(logSince(mark)).filter((l) => l.includes('app_service@app') && /DDL,CREATE INDEX/.test(l)),
    ).toHaveLength(1);
  });

  test('a person taken off the list can no longer log in, and keeps the role', async () => {
    const { report } = await runBootstrap(connection(), ['alice'], undefined);
    expect(report.roles.bob).toMatchObject({ login: false, pgauditLog: 'read,write,ddl,role' });
    expect(report.roles.alice.login).toBe(true);
  });

  test('gives the application back what a restore left to the master user', async () => {
    expect(
      master(
        "CREATE TABLE app.restored (id serial PRIMARY KEY, note text); INSERT INTO app.restored (note) VALUES ('from a dump');",
      ).status,
    ).toBe(0);
    expect(app('SELECT note FROM app.restored;').stderr).toMatch(/permission denied for table restored/);
    await runBootstrap(connection(), ['alice'], undefined);
    expect(app("INSERT INTO app.restored (note) VALUES ('after'); SELECT count(*) FROM app.restored;")).toMatchObject({
      status: 0,
      stdout: 'INSERT 0 1\n2',
    });
    expect(person('SELECT count(*) FROM app.restored;').stdout).toBe('2');
  });

  test('pg_dump as the master user still dumps every schema', () => {
    const dump = pg.dump(MASTER_USER, MASTER_PASSWORD);
    expect(dump.bytes).toBeGreaterThan(0);
    expect(dump.listing).toMatch(/TABLE DATA app orders/);
    expect(dump.listing).toMatch(/TABLE DATA internal staff_notes/);
  });

  test('measures the audit log: bytes per line, per application statement and per person-session', () => {
    const statements = 200;
    const workload = Array.from({ length: statements / 2 }, () => `${APP_WRITE}\n${APP_READ}`).join('\n');
    let mark = pg.log().length;
    expect(app(workload).status).toBe(0);
    const appLines = logSince(mark);
    mark = pg.log().length;
    // The same statements from a session audited in full: what the application cost before its role setting.
    expect(person(workload).status).toBe(0);
    const fullLines = logSince(mark);
    mark = pg.log().length;
    // A person's look at the data: ten reads and two writes in one session.
    const session = [...Array.from({ length: 10 }, () => APP_READ), APP_WRITE, APP_WRITE].join('\n');
    expect(person(session).status).toBe(0);
    const sessionLines = logSince(mark);
    const bytes = (lines: string[]) => lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    const fullAudit = auditLines(fullLines);
    expect(auditLines(appLines)).toEqual([]);
    expect(fullAudit).toHaveLength(statements);
    const measurement = {
      measuredAt: new Date().toISOString(),
      server: 'PostgreSQL 17 (Debian 13) with pgaudit, RDS log_line_prefix',
      statementsPerRun: statements,
      applicationAuditLinesPerStatement: auditLines(appLines).length / statements,
      applicationLogBytesPerSession: bytes(appLines),
      fullyAuditedBytesPerAuditLine: Math.round(bytes(fullAudit) / fullAudit.length),
      fullyAuditedBytesPerStatement: Math.round(bytes(fullLines) / statements),
      personSessionStatements: 12,
      personSessionAuditLines: auditLines(sessionLines).length,
      personSessionBytes: bytes(sessionLines),
    };
    fs.mkdirSync(path.dirname(MEASUREMENT_FILE), { recursive: true });
    fs.writeFileSync(MEASUREMENT_FILE, JSON.stringify(measurement, null, 2));
    expect(measurement.personSessionAuditLines).toBe(12);
  });
});
