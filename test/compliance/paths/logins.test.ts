import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { LOGIN_PATHS } from '../../../lib/compliance/paths/logins';
import { parseBootstrapSql, membershipChain } from '../../../lib/compliance/paths/logins/bootstrap-sql';
import { applyMutations, evaluatePaths, pathChecks, PathRecord, TemplateMutation } from '../../../lib/compliance/paths';
import type { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { LOGIN_PATH_REQUIREMENTS } from '../../../lib/core/requirements/paths/logins';
import { DATABASE_BOOTSTRAP_DIR } from '../../../lib/data/database-bootstrap';
import { referencePathById, referencePathRecords } from '../../support/path-records';
import { optedOutAssembly, referenceAssembly } from '../../support/reference-assembly';

const reference = referenceAssembly();
const records = (assembly: PlatformAssembly): PathRecord[] => referencePathRecords(assembly, LOGIN_PATHS);
const byId = (assembly: PlatformAssembly, id: string): PathRecord => referencePathById(assembly, LOGIN_PATHS, id);
const brief = (p: PathRecord) => `${p.id}: ${p.hops.map((h) => `${h.hop}=${h.verdict} (${h.detail})`).join('; ')}`;
/** The bootstrap resource of the reference, found through a path (never by logical id). */
const bootstrapAt = () =>
  byId(reference, 'no-password-login-as-application').hops.find((h) => h.hop === 'bootstrap-sql')!.resource!;
const bootstrapProps = (): Record<string, unknown> => {
  const at = bootstrapAt();
  const stack = reference.stacks.find((s) => s.stackName === at.stackName)!;
  return stack.template.Resources![at.logicalId].Properties!;
};
/** The reference with the bootstrap carrying `sql` (its digest kept true, as the construct declares it). */
const withSql = (sql: string): PlatformAssembly =>
  applyMutations(reference, [
    {
      description: 'test: another bootstrap SQL',
      ...bootstrapAt(),
      path: ['Properties'],
      value: { ...bootstrapProps(), Sql: sql, SqlDigest: crypto.createHash('sha256').update(sql).digest('hex') },
    },
  ]);
const sql = fs.readFileSync(path.join(DATABASE_BOOTSTRAP_DIR, 'bootstrap.sql'), 'utf8');

describe('database login paths on the reference platform', () => {
  test('every requirement is evaluated and holds, on the reference and the opted-out platform', () => {
    for (const assembly of [reference, optedOutAssembly()]) {
      const all = evaluatePaths(assembly, LOGIN_PATHS);
      expect(all).toHaveLength(LOGIN_PATH_REQUIREMENTS.length * stageModels(assembly).length);
      expect(all.filter((p) => !p.holds).map(brief)).toEqual([]);
    }
  });

  test('the checks pass on the reference, one per claim and expectation', () => {
    const checks = pathChecks(LOGIN_PATHS);
    expect(checks.map((c) => c.id).sort()).toEqual([
      'MONITOR1-ForbiddenLoginPathsClosed',
      'MONITOR1-RequiredLoginPathsOpen',
      'REST3-RequiredLoginPathsOpen',
    ]);
    for (const check of checks) expect(check.run(reference).filter((r) => r.status !== 'pass')).toEqual([]);
  });

  test('the service logs in as app_service by IAM token; the dump as dump_reader and the bootstrap as the master, by password', () => {
    expect(byId(reference, 'service-logs-in-as-application-by-iam-token').hops.map((h) => h.hop)).toEqual([
      'bootstrap-sql',
      'cluster-iam-authentication',
      'role-login',
      'rds-iam-membership',
      'rds-db-connect',
      'client-credentials',
    ]);
    expect(byId(reference, 'service-logs-in-as-application-by-iam-token').subject).toBe(
      'the service logs in as app_service by IAM token',
    );
    expect(byId(reference, 'dump-logs-in-as-dump-reader-by-password').subject).toBe(
      'the dump logs in as dump_reader by password',
    );
    expect(byId(reference, 'dump-logs-in-as-dump-reader-by-password').hops.map((h) => h.hop)).toEqual([
      'bootstrap-sql',
      'role-login',
      'rds-iam-membership',
      'client-credentials',
    ]);
    expect(byId(reference, 'no-dump-login-as-master').hops.find((h) => h.hop === 'client-credentials')).toMatchObject({
      verdict: 'block',
    });
  });
});

describe('generated mutations: each turns its hop over and the path with it', () => {
  const all = records(reference);
  const required = all.filter((p) => p.expectation === 'required');
  const forbidden = all.filter((p) => p.expectation === 'forbidden');
  const cases = required.flatMap((p) =>
    p.hops
      .filter((h) => h.verdict === 'pass')
      .flatMap((h) => (h.mutations ?? []).map((m): [string, string, TemplateMutation] => [p.id, h.hop, m])),
  );

  test('every passing hop of a required path carries mutations, and there are some', () => {
    expect(cases.length).toBeGreaterThan(10);
    for (const p of required) {
      for (const h of p.hops) expect([p.id, h.hop, (h.mutations ?? []).length > 0]).toEqual([p.id, h.hop, true]);
    }
  });

  test.each(cases.map(([id, hop, m]) => [id, hop, m.description, m] as const))(
    '%s fails when %s is broken: %s',
    (id, hop, _description, mutation) => {
      const broken = byId(applyMutations(reference, [mutation]), id);
      expect(broken.holds).toBe(false);
      expect(broken.hops.find((h) => h.hop === hop)?.verdict).toBe('block');
    },
  );

  test.each(forbidden.map((p) => [p.id, p] as const))('%s opens when its blocking hops are turned over', (id, p) => {
    const mutations = p.hops.filter((h) => h.verdict === 'block').flatMap((h) => h.mutations ?? []);
    expect(mutations.length).toBeGreaterThan(0);
    expect(byId(applyMutations(reference, mutations), id).holds).toBe(false);
  });
});

describe('the breakages issue 22 names, by hand', () => {
  test('fails when the bootstrap grants the application role to the master user (the first version)', () => {
    const faulty = sql.replace(
      '-- The promises, asserted',
      'GRANT app_service TO CURRENT_USER;\n-- The promises, asserted',
    );
    expect(faulty).not.toBe(sql);
    const broken = withSql(faulty);
    const membership = byId(broken, 'bootstrap-logs-in-as-master-by-password').hops.find(
      (h) => h.hop === 'rds-iam-membership',
    )!;
    expect(membership).toMatchObject({ verdict: 'block' });
    expect(membership.detail).toBe(
      'platform_admin is a member of rds_iam (granted app_service to platform_admin, then rds_iam to app_service): it logs in by IAM token only',
    );
    expect(byId(broken, 'service-logs-in-as-application-by-iam-token').holds).toBe(true);
  });

  test('fails on the SQL of the first version itself, as the template carried it', () => {
    const first = sql
      .replace('GRANT app_owner TO CURRENT_USER;', 'GRANT app_service TO CURRENT_USER;')
      .replace(/DO \$unlock\$[\s\S]*?\$unlock\$;/, '');
    expect(byId(withSql(first), 'bootstrap-logs-in-as-master-by-password').holds).toBe(false);
  });

  test('fails when the master user is made IAM-only by the cluster (MasterUserAuthenticationType)', () => {
    const bootstrap = byId(reference, 'bootstrap-logs-in-as-master-by-password');
    const cluster = bootstrap.hops.find((h) => h.hop === 'master-authentication-type')!.resource!;
    const broken = applyMutations(reference, [
      { description: 'test', ...cluster, path: ['Properties', 'MasterUserAuthenticationType'], value: 'iam-db-auth' },
    ]);
    expect(byId(broken, 'bootstrap-logs-in-as-master-by-password').holds).toBe(false);
    // The dump's login is its own: the master's authentication type does not touch it.
    expect(byId(broken, 'dump-logs-in-as-dump-reader-by-password').holds).toBe(true);
  });

  test("fails when the dump task is handed the master secret (the dump's login before issue 22)", () => {
    const client = byId(reference, 'dump-logs-in-as-dump-reader-by-password').hops.find(
      (h) => h.hop === 'client-credentials',
    )!.resource!;
    const cluster = byId(reference, 'bootstrap-logs-in-as-master-by-password').hops.find(
      (h) => h.hop === 'master-authentication-type',
    )!.resource!;
    const master = (field: string) => ({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [cluster.logicalId, 'MasterUserSecret.SecretArn'] }, `:${field}::`]],
    });
    const handed = applyMutations(
      reference,
      ['username', 'password'].map((field, i): TemplateMutation => ({
        description: `test: the dump's ${field} from the master secret`,
        ...client,
        path: ['Properties', 'ContainerDefinitions', 0, 'Secrets', i, 'ValueFrom'],
        value: master(field),
      })),
    );
    expect(byId(handed, 'no-dump-login-as-master').holds).toBe(false);
    expect(byId(handed, 'dump-logs-in-as-dump-reader-by-password').holds).toBe(false);
  });

  test("fails when the bootstrap sets dump_reader's password from another secret than the dump's", () => {
    const fn = byId(reference, 'bootstrap-logs-in-as-master-by-password').hops.find(
      (h) => h.hop === 'client-credentials',
    )!.resource!;
    const broken = applyMutations(reference, [
      {
        description: 'test: another secret',
        ...fn,
        path: ['Properties', 'Environment', 'Variables', 'DUMP_READER_SECRET_ARN'],
        value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:other',
      },
    ]);
    expect(byId(broken, 'dump-logs-in-as-dump-reader-by-password').holds).toBe(false);
  });

  test('fails when dump_reader is put in rds_iam through a role that holds it', () => {
    const broken = withSql(
      sql.replace('-- The promises, asserted', 'GRANT app_service TO dump_reader;\n-- The promises, asserted'),
    );
    const membership = byId(broken, 'dump-logs-in-as-dump-reader-by-password').hops.find(
      (h) => h.hop === 'rds-iam-membership',
    )!;
    expect(membership).toMatchObject({ verdict: 'block' });
    expect(membership.detail).toMatch(/dump_reader is a member of rds_iam \(granted app_service to dump_reader/);
  });

  test('fails closed when the bootstrap carries only a digest, or a digest of other SQL', () => {
    const digestOnly = Object.fromEntries(Object.entries(bootstrapProps()).filter(([k]) => k !== 'Sql'));
    const onlyDigest = applyMutations(reference, [
      { description: 'test', ...bootstrapAt(), path: ['Properties'], value: digestOnly },
    ]);
    for (const assembly of [
      onlyDigest,
      applyMutations(reference, [
        { description: 'test', ...bootstrapAt(), path: ['Properties', 'SqlDigest'], value: 'ab' },
      ]),
    ]) {
      // Only the paths the clients' own configuration closes still hold (the service's policy and settings; the
      // dump's secret, which is not the master's).
      expect(
        records(assembly)
          .filter((p) => p.holds)
          .map((p) => p.id),
      ).toEqual(['no-dump-login-as-master', 'no-iam-login-as-master-from-service']);
    }
  });

  test('fails when people could log in with a password (a person outside rds_iam)', () => {
    const broken = withSql(sql.replace("'GRANT db_people, rds_iam TO %I'", "'GRANT db_people TO %I'"));
    expect(byId(broken, 'no-password-login-as-person').holds).toBe(false);
  });
});

describe('the bootstrap SQL reader', () => {
  test('reads the roles, LOGIN and the nested grants of the shipped SQL', () => {
    const graph = parseBootstrapSql(sql, 'platform_admin');
    expect(graph.problem).toBeUndefined();
    expect(Object.fromEntries(graph.login)).toMatchObject({
      app_owner: false,
      app_service: true,
      db_people: false,
      rds_pgaudit: false,
      dump_reader: true,
      '%I': true,
    });
    expect(membershipChain(graph, 'dump_reader', 'rds_iam')).toBeUndefined();
    expect(membershipChain(graph, 'platform_admin', 'rds_iam')).toBeUndefined();
    expect(membershipChain(graph, 'platform_admin', 'app_owner')).toHaveLength(1);
    expect(membershipChain(graph, 'app_service', 'rds_iam')?.map((g) => g.role)).toEqual(['rds_iam']);
    expect(membershipChain(graph, '%I', 'rds_iam')?.map((g) => g.role)).toEqual(['rds_iam']);
  });

  test('a REVOKE takes a grant back; ALTER ROLE ... SET role is no identity change, SET ROLE is', () => {
    const graph = parseBootstrapSql('GRANT a TO CURRENT_USER; GRANT rds_iam TO a; REVOKE a FROM session_user;', 'm');
    expect(membershipChain(graph, 'm', 'rds_iam')).toBeUndefined();
    expect(parseBootstrapSql("ALTER ROLE a SET role = 'b';", 'm').problem).toBeUndefined();
    expect(parseBootstrapSql('SET ROLE a; GRANT rds_iam TO CURRENT_USER;', 'm').problem).toMatch(
      /changes its own identity/,
    );
  });

  test('privilege grants are not role grants', () => {
    const graph = parseBootstrapSql(
      'GRANT USAGE ON SCHEMA app TO db_people; GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA app TO x;',
      'm',
    );
    expect(graph.grants).toEqual([]);
  });
});
