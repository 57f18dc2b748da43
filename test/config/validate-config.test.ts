import { PlatformConfigError } from '../../lib/core/errors';
import { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { VALIDATED_SETTINGS } from '../../lib/config/validate-config';
import { TEST_NOW } from '../support/reference-constants';

const reference = referencePlatformConfig({}, TEST_NOW);
const withOverrides = (o: Partial<PlatformConfig>): PlatformConfig => ({ ...reference, ...o });

/** One invalid config per row: the setting it breaks, the config, and words the error must contain. */
const INVALID: readonly [string, PlatformConfig, string][] = [
  ['environmentName', withOverrides({ environmentName: 'Prod_1' }), 'lower-case name'],
  ['account', withOverrides({ account: '1234' }), '12-digit AWS account id'],
  [
    'primaryRegion.region',
    withOverrides({ primaryRegion: { region: 'europe', availabilityZones: ['europea', 'europeb', 'europec'] } }),
    'not an AWS region name',
  ],
  [
    'recoveryRegion.region',
    withOverrides({
      recoveryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
    }),
    'equals the primary region',
  ],
  [
    'recoveryRegion.region',
    withOverrides({ recoveryRegion: { region: 'mars', availabilityZones: ['marsa', 'marsb', 'marsc'] } }),
    'not an AWS region name',
  ],
  // A region that lacks an AWS managed Config rule the claims need there: the stack would fail to create.
  [
    'recoveryRegion.region',
    withOverrides({
      recoveryRegion: {
        region: 'mx-central-1',
        availabilityZones: ['mx-central-1a', 'mx-central-1b', 'mx-central-1c'],
      },
    }),
    'lacks the AWS Config managed rules BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK (DATA-2, DATA-3)',
  ],
  [
    'primaryRegion.region',
    withOverrides({
      primaryRegion: { region: 'eu-central-2', availabilityZones: ['eu-central-2a', 'eu-central-2b', 'eu-central-2c'] },
    }),
    'lacks the AWS Config managed rules ELBV2_PREDEFINED_SECURITY_POLICY_SSL_CHECK (TRANSIT-1), SNS_ENCRYPTED_KMS (MONITOR-3)',
  ],
  [
    'primaryRegion.availabilityZones',
    withOverrides({ primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a'] } }),
    'lists 1 zones',
  ],
  [
    'primaryRegion.availabilityZones',
    withOverrides({
      primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1a', 'eu-west-1b'] },
    }),
    'lists a zone twice',
  ],
  [
    'primaryRegion.availabilityZones',
    withOverrides({
      primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'us-east-1a'] },
    }),
    'us-east-1a outside region eu-west-1',
  ],
  [
    'recoveryRegion.availabilityZones',
    withOverrides({
      recoveryRegion: { region: 'eu-central-1', availabilityZones: ['eu-central-1a', 'eu-central-1b'] },
    }),
    'lists 2 zones',
  ],
  ['domainName', withOverrides({ domainName: 'not a host' }), 'not a lower-case DNS name'],
  ['certificateArn', withOverrides({ certificateArn: '' }), 'not an ACM certificate ARN'],
  [
    'certificateArn',
    withOverrides({ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' }),
    'is in us-east-1, but the load balancer is in eu-west-1',
  ],
  [
    'certificateArn',
    withOverrides({ certificateArn: 'arn:aws:acm:eu-west-1:999999999999:certificate/abc-123' }),
    'belongs to account 999999999999',
  ],
  ['alertEmails', withOverrides({ alertEmails: [] }), 'is empty'],
  [
    'alertEmails',
    withOverrides({ alertEmails: ['security-at-example.com'] }),
    'malformed address(es) security-at-example.com',
  ],
  [
    'securityContact.contacts',
    withOverrides({ securityContact: { ...reference.securityContact, contacts: ['ftp://x'] } }),
    'neither mailto: nor https:',
  ],
  [
    'securityContact.contacts',
    withOverrides({ securityContact: { ...reference.securityContact, contacts: [] } }),
    'requires at least one Contact',
  ],
  [
    'securityContact.expires',
    withOverrides({ securityContact: { ...reference.securityContact, expires: '2020-01-01T00:00:00Z' } }),
    'has passed',
  ],
  [
    'securityContact.expires',
    withOverrides({
      securityContact: {
        ...reference.securityContact,
        expires: new Date(TEST_NOW.getTime() + 2 * 366 * 24 * 3600 * 1000).toISOString(),
      },
    }),
    'more than a year ahead',
  ],
  [
    'securityContact.expires',
    withOverrides({ securityContact: { ...reference.securityContact, expires: 'next year' } }),
    'not an ISO 8601 date (2027-06-30) or date-time',
  ],
  [
    'securityContact.policyUrl',
    withOverrides({ securityContact: { ...reference.securityContact, policyUrl: 'http://x.example' } }),
    'not an https URL',
  ],
  [
    'securityContact.preferredLanguages',
    withOverrides({ securityContact: { ...reference.securityContact, preferredLanguages: [] } }),
    'language tags',
  ],
  ['database.instanceType', withOverrides({ database: { instanceType: 'db.r6g.large' } }), 'instance type'],
  ['database.readers', withOverrides({ database: { readers: 1 } }), 'from 2 to 15'],
  ['database.backupRetentionDays', withOverrides({ database: { backupRetentionDays: 0 } }), 'from 7 to 35'],
  ['database.backupRetentionDays', withOverrides({ database: { backupRetentionDays: 36 } }), 'from 7 to 35'],
  ['database.databaseName', withOverrides({ database: { databaseName: '1app' } }), 'PostgreSQL identifier'],
  ['database.people', withOverrides({ database: { people: ['Jane Doe'] } }), 'lower-case role names'],
  ['database.people', withOverrides({ database: { people: ['jane', 'jane'] } }), 'names someone twice'],
  ['backup.dailyHourUtc', withOverrides({ backup: { dailyHourUtc: 24 } }), 'from 0 to 23'],
  ['backup.retentionDays', withOverrides({ backup: { retentionDays: 0 } }), 'from 7 to 3650'],
  [
    'backup.vaultLockMode',
    withOverrides({ backup: { vaultLockMode: 'none' as 'governance' } }),
    "neither 'governance' nor 'compliance'",
  ],
  ['service.image', withOverrides({ service: { image: 'has space' } }), 'container image reference'],
  ['service.containerPort', withOverrides({ service: { containerPort: 80 } }), 'from 1024 to 65535'],
  ['service.desiredCount', withOverrides({ service: { desiredCount: 2 } }), 'one task per zone (HA-1)'],
  [
    'service.maxCount',
    withOverrides({ service: { desiredCount: 6, maxCount: 4 } }),
    'no smaller than service.desiredCount (6)',
  ],
  ['service.cpu', withOverrides({ service: { cpu: 300 } }), 'not a Fargate CPU size'],
  ['service.memoryMiB', withOverrides({ service: { cpu: 256, memoryMiB: 4096 } }), 'does not fit 256 CPU units'],
  ['service.healthCheckPath', withOverrides({ service: { healthCheckPath: 'health' } }), 'absolute path'],
  [
    'dump.gpgPublicKey',
    withOverrides({ dump: { gpgPublicKey: 'ssh-rsa AAAA' } }),
    'not an ASCII-armored PGP public key block',
  ],
  [
    'dump.gpgPublicKey',
    withOverrides({
      dump: { gpgPublicKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n-----END PGP PRIVATE KEY BLOCK-----' },
    }),
    'PRIVATE key block',
  ],
  [
    'dump.dailyHourUtc',
    withOverrides({ dump: { gpgPublicKey: reference.dump.gpgPublicKey, dailyHourUtc: -1 } }),
    'from 0 to 23',
  ],
  ['optOuts.natGateways', withOverrides({ optOuts: { natGateways: 0 } }), 'from 1 to 3'],
  [
    'backup.breakGlassRoleArn',
    withOverrides({ backup: { breakGlassRoleArn: 'arn:aws:iam::210987654321:role/glass' } }),
    'belongs to account 210987654321, not 123456789012',
  ],
  ['backup.breakGlassRoleArn', withOverrides({ backup: { breakGlassRoleArn: 'glass' } }), 'is not an IAM role ARN'],
  [
    'backup.breakGlass',
    withOverrides({ backup: { breakGlass: { trust: 'identity-center' } } }),
    'names no permissionSets and no principalArns, so nobody could break glass',
  ],
  [
    'backup.restoreTesting.scheduleExpression',
    withOverrides({ backup: { restoreTesting: { scheduleExpression: 'cron(0 5 1 * ? *)' } } }),
    'does not run every week',
  ],
  [
    'backup.restoreTesting.validationWindowHours',
    withOverrides({ backup: { restoreTesting: { validationWindowHours: 200 } } }),
    'must be a whole number from 1 to 168',
  ],
  [
    'backup.restoreTesting.expectedTables',
    withOverrides({ backup: { restoreTesting: { expectedTables: { 'app.Orders': 1 } } } }),
    'has app.Orders: 1',
  ],
  [
    'backup.logicallyAirGappedVault.enabled',
    withOverrides({
      recoveryRegion: { region: 'ca-west-1', availabilityZones: ['ca-west-1a', 'ca-west-1b', 'ca-west-1c'] },
      backup: { logicallyAirGappedVault: { enabled: true } },
    }),
    'no logically air-gapped vault in the recovery region ca-west-1',
  ],
  [
    'backup.logicallyAirGappedVault.minRetentionDays',
    withOverrides({ backup: { logicallyAirGappedVault: { minRetentionDays: 6 } } }),
    'must be a whole number from 7 to 36500',
  ],
  [
    'backup.logicallyAirGappedVault.maxRetentionDays',
    withOverrides({ backup: { logicallyAirGappedVault: { minRetentionDays: 7, maxRetentionDays: 34 } } }),
    'is below backup.retentionDays (35)',
  ],
  ...(['guardDuty', 'securityHub', 'accessAnalyzer', 'config'] as const).map(
    (service): [string, PlatformConfig, string] => [
      `threatDetection.${service}`,
      withOverrides({ threatDetection: { [service]: 'delegated' as never } }),
      'is not one of create, existing, organization',
    ],
  ),
];

function errorOf(config: PlatformConfig): PlatformConfigError {
  try {
    resolvePlatformConfig(config, TEST_NOW);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e;
    throw e;
  }
  throw new Error('config was accepted');
}

describe('platform config validation', () => {
  test('accepts the reference config and fills in the secure defaults', () => {
    // WHEN
    const resolved = resolvePlatformConfig(reference, TEST_NOW);
    // THEN
    expect(resolved.database).toEqual({
      instanceType: 'r6g.large',
      readers: 2,
      backupRetentionDays: 35,
      databaseName: 'app',
      people: [],
    });
    expect(resolved.service.desiredCount).toBe(3);
    expect(resolved.backup).toEqual({
      dailyHourUtc: 3,
      retentionDays: 35,
      vaultLockMode: 'governance',
      breakGlass: { trust: 'iam-users-with-mfa' },
      restoreTesting: {
        enabled: true,
        scheduleExpression: 'cron(0 5 ? * SAT *)',
        validationWindowHours: 4,
        expectedTables: {},
      },
      logicallyAirGappedVault: { enabled: false, minRetentionDays: 35, maxRetentionDays: 70 },
    });
    expect(resolved.threatDetection).toEqual({
      guardDuty: 'create',
      securityHub: 'create',
      accessAnalyzer: 'create',
      config: 'create',
    });
  });

  test.each(INVALID)('fails when %s is invalid (%#)', (setting, config, words) => {
    // WHEN
    const error = errorOf(config);
    // THEN: the message names the setting, the bad value and a fix
    const violation = error.violations.find((v) => v.setting === setting && `${v.problem}`.includes(words));
    expect(violation).toBeDefined();
    expect(error.message).toContain(
      `${setting} = ${JSON.stringify(violation!.value)}: ${violation!.problem}. Fix: ${violation!.fix}`,
    );
  });

  test('every validated setting has a failing case above', () => {
    const covered = new Set(INVALID.map(([setting]) => setting));
    expect(VALIDATED_SETTINGS.filter((s) => !covered.has(s))).toEqual([]);
  });

  test('a region lacking a Config rule names the rule, the region, the source and the fix', () => {
    const error = errorOf(
      withOverrides({
        recoveryRegion: { region: 'ca-west-1', availabilityZones: ['ca-west-1a', 'ca-west-1b', 'ca-west-1c'] },
      }),
    );
    const violation = error.violations.find((v) => v.setting === 'recoveryRegion.region');
    expect(violation?.value).toBe('ca-west-1');
    expect(violation?.problem).toContain('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED (REST-3)');
    expect(violation?.problem).toContain('developerguide/<rule-name>.html, read 2026-12-06');
    expect(violation?.fix).toContain('lib/core/requirements/config-rule-regions.ts');
    // Rules that run only in the primary region do not bind the recovery region.
    expect(violation?.problem).not.toContain('ELBV2_MULTIPLE_AZ');
  });

  test('fails with every violation at once, not only the first', () => {
    // GIVEN three independent mistakes
    const config = withOverrides({ account: 'x', domainName: 'bad host', alertEmails: [] });
    // WHEN
    const error = errorOf(config);
    // THEN
    expect(error.violations.map((v) => v.setting)).toEqual(
      expect.arrayContaining(['account', 'domainName', 'alertEmails']),
    );
    expect(error.message).toMatch(/Invalid platform config for environment 'prod' \(\d+ problems\)/);
  });

  test('allows two tasks only with the explicit opt-out', () => {
    expect(() =>
      resolvePlatformConfig(
        withOverrides({ service: { desiredCount: 2 }, optOuts: { allowFewerThanThreeTasks: true } }),
        TEST_NOW,
      ),
    ).not.toThrow();
  });
});
