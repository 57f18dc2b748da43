import { Match } from 'aws-cdk-lib/assertions';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import * as fs from 'fs';
import * as path from 'path';
import { REFERENCE_ASSEMBLY_DIR, referenceTemplate } from '../support/reference-assembly';
import { REFERENCE_ENVIRONMENT, TEST_NOW } from '../support/reference-constants';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

// GIVEN the reference platform, synthesized once by the global setup from this config
const config = resolvePlatformConfig(
  referencePlatformConfig({ environmentName: REFERENCE_ENVIRONMENT }, TEST_NOW),
  TEST_NOW,
);

describe('ServiceStack', () => {
  test('terminates TLS 1.3 (TLS 1.2 floor, post-quantum) with the configured certificate and sends HSTS', () => {
    referenceTemplate('Service').hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      Certificates: [{ CertificateArn: config.certificateArn }],
      ListenerAttributes: [
        {
          Key: 'routing.http.response.strict_transport_security.header_value',
          Value: 'max-age=63072000; includeSubDomains',
        },
      ],
    });
  });

  test('answers security.txt from config with the configured Expires and the canonical URL of the domain', () => {
    const c = config;
    referenceTemplate('Service').hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/.well-known/security.txt'] } }],
      Actions: [
        {
          Type: 'fixed-response',
          FixedResponseConfig: Match.objectLike({
            StatusCode: '200',
            MessageBody: Match.stringLikeRegexp(
              `Expires: ${c.securityContact.expires.replace(/\./g, '\\.')}\\n[\\s\\S]*Canonical: https://${c.domainName.replace(/\./g, '\\.')}/\\.well-known/security\\.txt`,
            ),
          }),
        },
      ],
    });
  });

  test('runs the default image (built by the repository) as three tasks, logging in to the database as its own user with IAM authentication', () => {
    const t = referenceTemplate('Service');
    t.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
    const defs = Object.values(t.findResources('AWS::ECS::TaskDefinition'));
    const container = defs[0].Properties.ContainerDefinitions[0];
    expect(config.service.image).toBeUndefined();
    expect(JSON.stringify(container.Image)).toMatch(/container-assets-[^"]*:[0-9a-f]{64}"/);
    const env = Object.fromEntries(
      (container.Environment as { Name: string; Value: unknown }[]).map((e) => [e.Name, e.Value]),
    );
    expect(Object.keys(env).sort()).toEqual(['DB_AUTH', 'DB_HOST', 'DB_NAME', 'DB_PORT', 'DB_SSLMODE', 'DB_USER']);
    expect(env).toMatchObject({ DB_AUTH: 'iam', DB_SSLMODE: 'verify-full', DB_NAME: config.database.databaseName });
    // The user comes out of the bootstrap, so the service deploys after it.
    expect(JSON.stringify(env.DB_USER)).toMatch(/DatabaseBootstrap.*ApplicationRole/);
    const secrets = (container.Secrets as { Name: string }[]).map((s) => s.Name);
    expect(secrets.filter((n) => n.startsWith('DB_'))).toEqual([]);
  });

  test('the task role may connect as the application user only (rds-db:connect)', () => {
    const policies = referenceTemplate('Service').findResources('AWS::IAM::ManagedPolicy');
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const connect = statements.filter((s) => JSON.stringify(s.Action).includes('rds-db:connect'));
    expect(connect).toHaveLength(1);
    expect(connect[0].Action).toBe('rds-db:connect');
    expect(JSON.stringify(connect[0].Resource)).toMatch(/dbuser:.*DBClusterResourceId.*\/.*ApplicationRole/);
  });

  test('lets the service reach the database security group on the database port only', () => {
    const cluster = Object.values(referenceTemplate('Data').findResources('AWS::RDS::DBCluster'))[0];
    const databasePort = cluster.Properties.Port as number;
    referenceTemplate('Service').hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: databasePort,
      ToPort: databasePort,
      SourceSecurityGroupId: Match.anyValue(),
    });
  });

  test("builds every image asset of the platform for linux/amd64, the tasks' X86_64", () => {
    for (const stack of ['Service', 'Data']) {
      const [manifest] = fs
        .readdirSync(REFERENCE_ASSEMBLY_DIR)
        .filter((f) => new RegExp(`^${REFERENCE_ENVIRONMENT}${stack}[0-9A-F]{8}\\.assets\\.json$`).test(f));
      const images = Object.values(
        (
          JSON.parse(fs.readFileSync(path.join(REFERENCE_ASSEMBLY_DIR, manifest), 'utf8')) as {
            dockerImages: Record<string, { source: { platform?: string } }>;
          }
        ).dockerImages,
      );
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image.source.platform).toBe('linux/amd64');
    }
  });

  test('has no unacknowledged finding of any stock pack or the claims pack', () => {
    expect(unacknowledgedFindingsUnder('ref/Service/')).toEqual([]);
  });
});
