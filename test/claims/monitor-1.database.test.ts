import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import {
  databaseBootstrapBeforeService,
  masterSecretOnlyBootstrapAndDump,
  noManualSqlInRunbooks,
  noManualSqlInShippedRunbooks,
} from '../../lib/compliance/checks';
import {
  failuresOf,
  ofType,
  passesOf,
  RawJson,
  referenceClaimEvidence,
  weakenedReference,
} from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

const BOOTSTRAP = 'Custom::DatabaseBootstrap';
const sqlDigest = crypto
  .createHash('sha256')
  .update(fs.readFileSync(path.join(__dirname, '../../lib/data/database-bootstrap/bootstrap.sql')))
  .digest('hex');

/** The reference with its service wired to the master secret again, as before the bootstrap. */
function serviceOnMasterSecret() {
  return weakenedReference((id, t) => {
    if (id === 'Data') {
      const [clusterId] = ofType(t.Resources, 'AWS::RDS::DBCluster')[0];
      Object.assign(t.Outputs ?? {}, {
        MasterSecret: {
          Value: { 'Fn::GetAtt': [clusterId, 'MasterUserSecret.SecretArn'] },
          Export: { Name: 'ref-Data:MasterSecret' },
        },
      });
    }
    if (id === 'Service') {
      const secret = { 'Fn::ImportValue': 'ref-Data:MasterSecret' };
      for (const [, td] of ofType(t.Resources, 'AWS::ECS::TaskDefinition')) {
        td.Properties.ContainerDefinitions[0].Secrets.push(
          { Name: 'DB_USER', ValueFrom: { 'Fn::Join': ['', [secret, ':username::']] } },
          { Name: 'DB_PASSWORD', ValueFrom: { 'Fn::Join': ['', [secret, ':password::']] } },
        );
      }
      const [executionRole] = Object.keys(t.Resources).filter((k) => /^AppExecutionRole[0-9A-F]{8}$/.test(k));
      t.Resources.ReadMasterSecret = {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'ReadMasterSecret',
          Roles: [{ Ref: executionRole }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret }],
          },
        },
      };
    }
  });
}

function bootstrapOf(t: { Resources: Record<string, RawJson> }): RawJson {
  return ofType(t.Resources, BOOTSTRAP)[0][1];
}

describe('MONITOR-1: the database tells people from the application (bootstrap, roles, master secret)', () => {
  test("MONITOR-1's evidence shows the role separation and the bootstrap's declared state", () => {
    const resources = referenceClaimEvidence('MONITOR-1').resources;
    const bootstrap = resources.find((r) => r.type === BOOTSTRAP);
    expect(bootstrap?.properties).toEqual({
      SqlDigest: sqlDigest,
      ApplicationRole: 'app_service',
      ApplicationAuditClasses: 'ddl,role',
      PeopleRole: 'db_people',
      PeopleAuditClasses: 'read,write,ddl,role',
      People: [],
      OrderedBefore: [expect.stringMatching(/^ref-Service\/AppService/)],
    });
    const cluster = resources.find((r) => r.type === 'AWS::RDS::DBCluster');
    expect(cluster?.properties.MasterSecretReadableBy).toEqual([expect.stringMatching(/^DatabaseBootstrapRole/)]);
  });

  describe('MONITOR1-MasterSecretOnlyBootstrapAndDump', () => {
    test('the reference hands the master secret to the bootstrap only (the dump has a login of its own), and names its role', () => {
      expect(passesOf(masterSecretOnlyBootstrapAndDump, referenceAssembly())).toEqual([
        expect.stringMatching(
          /^cluster DatabaseCluster\w+: master secret handed only to function DatabaseBootstrapFunction\w+ \(database bootstrap\); readable only by roles DatabaseBootstrapRole\w+; no task definition receives it$/,
        ),
      ]);
    });

    test('fails on a service wired to the master secret (ECS secrets and a read policy on its execution role)', () => {
      expect(failuresOf(masterSecretOnlyBootstrapAndDump, serviceOnMasterSecret())).toEqual([
        expect.stringMatching(/^task definition AppTaskDefinition\w+ receives the database master secret/),
        expect.stringMatching(/^ReadMasterSecret lets role AppExecutionRole\w+ read the database master secret/),
      ]);
    });

    test('fails when a role may read every secret', () => {
      const weak = weakenedReference((id, t) => {
        if (id !== 'Service') return;
        const [taskRole] = Object.keys(t.Resources).filter((k) => /^AppTaskRole[0-9A-F]{8}$/.test(k));
        t.Resources.ReadEverySecret = {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            Roles: [{ Ref: taskRole }],
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }] },
          },
        };
      });
      expect(failuresOf(masterSecretOnlyBootstrapAndDump, weak)).toEqual([
        expect.stringMatching(/^ReadEverySecret lets role AppTaskRole\w+ read the database master secret/),
      ]);
    });

    test('fails when the function holding the secret is behind no database bootstrap', () => {
      const weak = weakenedReference((id, t) => {
        if (id !== 'Data') return;
        for (const [logicalId] of ofType(t.Resources, BOOTSTRAP)) delete t.Resources[logicalId];
      });
      expect(failuresOf(masterSecretOnlyBootstrapAndDump, weak)).toEqual([
        expect.stringMatching(/^function DatabaseBootstrapFunction\w+ is handed the database master secret/),
        expect.stringMatching(/lets role DatabaseBootstrapRole\w+ read the database master secret/),
      ]);
    });

    test('fails when there is no database to judge', () => {
      expect(failuresOf(masterSecretOnlyBootstrapAndDump, new PlatformAssembly([]))).toEqual([
        'no PostgreSQL database cluster in the assembly, so no master secret to judge',
      ]);
    });
  });

  describe('MONITOR1-DatabaseBootstrapBeforeService', () => {
    test('the reference declares the roles, their audit classes and the digest of bootstrap.sql, before the service', () => {
      const passes = passesOf(databaseBootstrapBeforeService, referenceAssembly());
      expect(passes).toHaveLength(1);
      const [detail] = passes;
      // The digest is that of the SQL file itself: a changed file changes the resource and reruns the bootstrap.
      expect(detail).toContain(`bootstrap DatabaseBootstrap`);
      expect(detail).toContain(`(SQL sha256 ${sqlDigest})`);
      expect(detail).toMatch(
        /declares application role app_service on schema app auditing ddl,role, people role db_people auditing read,write,ddl,role \(people: none yet\); runs after the cluster and its 3 instances; ordered before AppService\w+$/,
      );
    });

    test('fails when the cluster has no bootstrap', () => {
      const weak = weakenedReference((id, t) => {
        if (id !== 'Data') return;
        for (const [logicalId] of ofType(t.Resources, BOOTSTRAP)) delete t.Resources[logicalId];
      });
      expect(failuresOf(databaseBootstrapBeforeService, weak)).toEqual([
        expect.stringMatching(
          /no Custom::DatabaseBootstrap names it \(ClusterIdentifier\), so its roles and pgaudit settings are left to a person/,
        ),
      ]);
    });

    test('fails when the service takes its database user from anywhere but the bootstrap', () => {
      const weak = weakenedReference((id, t) => {
        if (id !== 'Service') return;
        for (const [, td] of ofType(t.Resources, 'AWS::ECS::TaskDefinition')) {
          for (const e of td.Properties.ContainerDefinitions[0].Environment)
            if (e.Name === 'DB_USER') e.Value = 'app_service';
        }
        for (const [, p] of ofType(t.Resources, 'AWS::IAM::ManagedPolicy')) {
          for (const s of p.Properties.PolicyDocument.Statement) if (s.Action === 'rds-db:connect') s.Resource = '*';
        }
      });
      expect(failuresOf(databaseBootstrapBeforeService, weak)).toEqual([
        expect.stringMatching(
          /service\(s\) ref-Service\/AppService\w+ reach the cluster but are not ordered after the bootstrap/,
        ),
      ]);
    });

    test('fails when people are not audited for reads, the application not for DDL, and no digest is declared', () => {
      const weak = weakenedReference((id, t) => {
        if (id !== 'Data') return;
        const b = bootstrapOf(t);
        b.Properties.PeopleAuditClasses = 'write,ddl,role';
        b.Properties.ApplicationAuditClasses = 'role';
        delete b.Properties.SqlDigest;
      });
      expect(failuresOf(databaseBootstrapBeforeService, weak)).toEqual([
        expect.stringMatching(
          /no SHA-256 of its SQL \(SqlDigest\).*; people are not audited for read; the application role is not audited for ddl$/,
        ),
      ]);
    });

    test('fails when the bootstrap may run before the instances exist, or as the master user', () => {
      const weak = weakenedReference((id, t) => {
        if (id !== 'Data') return;
        const b = bootstrapOf(t);
        b.DependsOn = b.DependsOn.filter((d: string) => !/Writer/.test(d));
        b.Properties.ApplicationRole = 'platform_admin';
      });
      expect(failuresOf(databaseBootstrapBeforeService, weak)).toEqual([
        expect.stringMatching(
          /the application role 'platform_admin' is not a role of its own .*; the bootstrap may run before DatabaseClusterWriter\w+ exist/,
        ),
      ]);
    });

    test('fails when there is no database to judge', () => {
      expect(failuresOf(databaseBootstrapBeforeService, new PlatformAssembly([]))).toEqual([
        'no PostgreSQL database cluster in the assembly, so no bootstrap to judge',
      ]);
    });
  });

  describe('MONITOR1-NoManualSqlInRunbooks', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runbooks-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the shipped runbooks have no manual SQL step', () => {
      expect(passesOf(noManualSqlInShippedRunbooks, referenceAssembly())).toEqual([
        expect.stringMatching(/^runbook backup-break-glass\.md: no manual SQL step in \d+ lines$/),
        expect.stringMatching(/^runbook breach-notification\.md: no manual SQL step in \d+ lines$/),
        expect.stringMatching(/^runbook first-deploy-rollback\.md: no manual SQL step in \d+ lines$/),
        expect.stringMatching(/^runbook restore\.md: no manual SQL step in \d+ lines$/),
      ]);
    });

    test('fails on the manual pgaudit step the docs used to have, and on a psql session', () => {
      fs.writeFileSync(
        path.join(dir, 'first-deploy.md'),
        [
          '# After the first deployment',
          'Connect as the master user: `psql "host=<endpoint> sslmode=require"`.',
          'Create the role for object auditing (`CREATE ROLE rds_pgaudit;`) and',
          "`GRANT SELECT ON ALL TABLES IN SCHEMA app TO auditor;`, then `SET pgaudit.log = 'none';` for the app.",
          'Select a recovery point from the list and grant the on-call engineer access to the console.',
        ].join('\n'),
      );
      expect(failuresOf(noManualSqlInRunbooks(dir), new PlatformAssembly([]))).toEqual([
        expect.stringMatching(
          /^runbook first-deploy\.md: manual SQL step\(s\) at line 2 \(.*psql.*\); line 3 \(.*CREATE ROLE rds_pgaudit.*\); line 4 \(`GRANT SELECT/,
        ),
      ]);
    });

    test('fails when there is no runbook to read', () => {
      expect(failuresOf(noManualSqlInRunbooks(dir), new PlatformAssembly([]))).toEqual([
        `no runbook (*.md) in ${dir} to read`,
      ]);
    });
  });
});
