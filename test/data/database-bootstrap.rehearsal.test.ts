import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
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
/** What the dump reader's secret holds (Secrets Manager generates it in production). */
const DUMP_READER = { user: 'dump_reader', password: 'rehearsalDumpReader0Secret9' };
/** A statement of the shape an application sends: a lookup by key with a handful of columns. */
const APP_READ =
  "SELECT id, customer_id, status, total_cents, created_at FROM app.orders WHERE customer_id = 'c-0042' ORDER BY created_at DESC LIMIT 20;";
const APP_WRITE = "INSERT INTO app.orders (customer_id, status, total_cents) VALUES ('c-0042', 'paid', 1999);";
const MEASUREMENT_FILE = path.resolve(__dirname, '../../.rehearsal/audit-log-measurement.json');

let pg: RehearsalPostgres;
let started: number;
let first: BootstrapReport | undefined;
let second: BootstrapReport | undefined;
/** What happened at each step of the production order, in order. */
const steps: { step: string; error?: string }[] = [];
async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await run();
    steps.push({ step: name });
    return result;
  } catch (e) {
    steps.push({ step: name, error: (e as Error).message });
    return undefined;
  }
}
/** The SQL the custom resource carries: the package's bootstrap.sql and its digest. */
const script = () => bootstrapSql();
let ca: string[];

const master = (sql: string) => pg.psql(MASTER_USER, MASTER_PASSWORD, sql);
// The application and people are in rds_iam: they get in by the token path only, as on RDS.
const app = (sql: string) => pg.psql('app_service', APP_PASSWORD, sql, 'app', 'iam-token');
const person = (sql: string) => pg.psql('alice', PERSON_PASSWORD, sql, 'app', 'iam-token');
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
    // In the order production runs it: the deploy's bootstrap, then what logs in with a password afterwards (a
    // fresh login as the master user, the nightly dump as its own role), then the next deploy's bootstrap. Each step's
    // outcome is kept, so a step that fails is named by the test below instead of failing the set-up.
    first = await step(
      'the first bootstrap',
      async () => (await runBootstrap(connection(), ['alice', 'bob'], script(), DUMP_READER)).report,
    );
    await step('a fresh password login as the master user', () => {
      must(master('SELECT 1;'));
      return Promise.resolve();
    });
    await step('the nightly dump as dump_reader', () =>
      Promise.resolve(pg.dump(DUMP_READER.user, DUMP_READER.password)),
    );
    second = await step(
      "the next deploy's bootstrap",
      async () => (await runBootstrap(connection(), ['alice', 'bob'], script(), DUMP_READER)).report,
    );
    // Another schema the application must not read: the master user's own.
    must(
      master(
        "CREATE SCHEMA internal; CREATE TABLE internal.staff_notes (note text); INSERT INTO internal.staff_notes VALUES ('payroll');",
      ),
    );
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
  test("in production's order: bootstrap, a password login as the master user, the dump as dump_reader, the next bootstrap", () => {
    expect(steps).toEqual([
      { step: 'the first bootstrap' },
      { step: 'a fresh password login as the master user' },
      { step: 'the nightly dump as dump_reader' },
      { step: "the next deploy's bootstrap" },
    ]);
  });

  test("enforces RDS's login rule: members of rds_iam by token only, everyone else by password only", () => {
    expect(pg.psql('app_service', APP_PASSWORD, 'SELECT 1;').stderr).toMatch(
      /PAM authentication failed for user "app_service"/,
    );
    expect(pg.psql('alice', PERSON_PASSWORD, 'SELECT 1;').stderr).toMatch(/PAM authentication failed for user "alice"/);
    expect(pg.psql(MASTER_USER, MASTER_PASSWORD, 'SELECT 1;', 'app', 'iam-token').stderr).toMatch(
      /IAM authentication failed for user "platform_admin"/,
    );
    expect(app('SELECT current_user;')).toMatchObject({ status: 0, stdout: 'app_owner' });
  });

  test('the master user is a member of the owner role only, never of a role that holds rds_iam', () => {
    const memberships = master(
      "SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = current_user AND (m.inherit_option OR m.set_option);",
    );
    expect(memberships).toMatchObject({ status: 0, stdout: 'app_owner' });
    expect(first?.roles.app_owner).toMatchObject({ login: false, memberOf: [] });
  });

  test('fails the bootstrap when its SQL would put the master user in rds_iam (the fault of the first version)', async () => {
    const { sql } = script();
    // The first version's grant, after everything that would take it back.
    const faulty = sql.replace(
      '-- The promises, asserted',
      'GRANT app_service TO CURRENT_USER;\n-- The promises, asserted',
    );
    expect(faulty).not.toBe(sql);
    const digest = crypto.createHash('sha256').update(faulty).digest('hex');
    await expect(runBootstrap(connection(), ['alice'], { sql: faulty, digest })).rejects.toThrow(
      /the master user platform_admin would be a member of rds_iam/,
    );
    expect(master('SELECT 1;')).toMatchObject({ status: 0 });
  });

  test('runs twice to the same state: pgaudit, rds_pgaudit, the roles and their audit classes', () => {
    if (!first) throw new Error('the first bootstrap failed');
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
      memberOf: ['app_owner', 'rds_iam'],
    });
    expect(first.roles.alice).toMatchObject({
      login: true,
      superuser: false,
      createRole: false,
      pgauditLog: 'read,write,ddl,role',
    });
    expect(first.roles.alice.memberOf).toEqual(['db_people', 'rds_iam']);
    expect(first.roles.db_people).toMatchObject({ login: false, superuser: false });
    expect(first.roles.dump_reader).toEqual({
      login: true,
      superuser: false,
      createRole: false,
      createDb: false,
      pgauditLog: null,
      memberOf: [],
    });
  });

  test('refuses SQL whose digest is not the one declared beside it', async () => {
    await expect(runBootstrap(connection(), [], { sql: script().sql, digest: '0'.repeat(64) })).rejects.toThrow(
      /not the declared 0{64}; refusing to run it/,
    );
  });

  test('connects only over TLS verified against the CA, host name included (verify-full)', async () => {
    await expect(runBootstrap(connection({ host: '127.0.0.1' }), [], script())).rejects.toThrow(
      /localhost|IP|altnames/i,
    );
    await expect(runBootstrap(connection({ ca: [otherCa()] }), [], script())).rejects.toThrow(
      /self-signed|unable to verify|certificate/i,
    );
    await expect(runBootstrap(connection({ ca: [] }), [], script())).rejects.toThrow(/no CA certificates/);
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
    const { report } = await runBootstrap(connection(), ['alice'], script());
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
    await runBootstrap(connection(), ['alice'], script());
    expect(app("INSERT INTO app.restored (note) VALUES ('after'); SELECT count(*) FROM app.restored;")).toMatchObject({
      status: 0,
      stdout: 'INSERT 0 1\n2',
    });
    expect(person('SELECT count(*) FROM app.restored;').stdout).toBe('2');
  });

  test('the dump as dump_reader fails, naming the table, when data lies outside schema app (never left out quietly)', () => {
    expect(() => pg.dump(DUMP_READER.user, DUMP_READER.password)).toThrow(
      /permission denied for schema internal[\s\S]*LOCK TABLE internal\.staff_notes/,
    );
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
