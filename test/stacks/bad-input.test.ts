import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { TEST_NOW } from '../support/reference-constants';

const ref = referencePlatformConfig({}, TEST_NOW);
const contact = ref.securityContact;

/** Invalid and weakening configurations, each with the setting its error must name. */
const BAD_INPUT: readonly [string, string, Partial<PlatformConfig>][] = [
  [
    'a single AZ',
    'primaryRegion.availabilityZones',
    { primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a'] } },
  ],
  [
    'two AZs in the recovery region',
    'recoveryRegion.availabilityZones',
    { recoveryRegion: { region: 'eu-central-1', availabilityZones: ['eu-central-1a', 'eu-central-1b'] } },
  ],
  [
    'four AZs',
    'primaryRegion.availabilityZones',
    {
      primaryRegion: {
        region: 'eu-west-1',
        availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d'],
      },
    },
  ],
  [
    'an AZ of another region',
    'primaryRegion.availabilityZones',
    { primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-2c'] } },
  ],
  ['equal regions', 'recoveryRegion.region', { recoveryRegion: ref.primaryRegion }],
  ['a missing certificate', 'certificateArn', { certificateArn: undefined }],
  [
    'a certificate in the recovery region',
    'certificateArn',
    { certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/abc' },
  ],
  [
    'a certificate of another account',
    'certificateArn',
    { certificateArn: 'arn:aws:acm:eu-west-1:210987654321:certificate/abc' },
  ],
  ['database retention 0', 'database.backupRetentionDays', { database: { backupRetentionDays: 0 } }],
  ['database retention 90', 'database.backupRetentionDays', { database: { backupRetentionDays: 90 } }],
  ['backup retention 0', 'backup.retentionDays', { backup: { retentionDays: 0 } }],
  ['a fractional backup hour', 'backup.dailyHourUtc', { backup: { dailyHourUtc: 2.5 } }],
  ['two tasks without the opt-out', 'service.desiredCount', { service: { desiredCount: 2 } }],
  [
    'zero tasks even with the opt-out',
    'service.desiredCount',
    { service: { desiredCount: 0 }, optOuts: { allowFewerThanThreeTasks: true } },
  ],
  ['one reader', 'database.readers', { database: { readers: 1 } }],
  ['no readers', 'database.readers', { database: { readers: 0 } }],
  ['a privileged container port', 'service.containerPort', { service: { containerPort: 443 } }],
  ['a malformed account', 'account', { account: '12345678901' }],
  ['a malformed alert e-mail', 'alertEmails', { alertEmails: ['security'] }],
  ['no alert e-mail', 'alertEmails', { alertEmails: [] }],
  [
    'an expired security.txt',
    'securityContact.expires',
    { securityContact: { ...contact, expires: '2026-01-01T00:00:00Z' } },
  ],
  [
    'an http policy URL',
    'securityContact.policyUrl',
    { securityContact: { ...contact, policyUrl: 'http://example.com' } },
  ],
  [
    'a private key for the dumps',
    'dump.gpgPublicKey',
    { dump: { gpgPublicKey: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nk\n-----END PGP PRIVATE KEY BLOCK-----' } },
  ],
  ['no NAT gateway', 'optOuts.natGateways', { optOuts: { natGateways: 0 } }],
  ['an unknown vault lock mode', 'backup.vaultLockMode', { backup: { vaultLockMode: 'off' as 'governance' } }],
  ['memory too small for the CPU', 'service.memoryMiB', { service: { cpu: 1024, memoryMiB: 1024 } }],
  ['max tasks below desired', 'service.maxCount', { service: { desiredCount: 5, maxCount: 3 } }],
  ['an upper-case environment name', 'environmentName', { environmentName: 'PROD' }],
];

describe('bad input is rejected at synth', () => {
  test('covers at least 25 bad configurations', () => {
    expect(BAD_INPUT.length).toBeGreaterThanOrEqual(25);
  });

  test.each(BAD_INPUT)('fails when given %s, naming %s, and writes no template', (_what, setting, overrides) => {
    // GIVEN
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
    const app = new App({ outdir });
    // WHEN / THEN
    expect(
      () =>
        new PlatformStage(app, 'bad', {
          config: { ...ref, ...overrides, environmentName: overrides.environmentName ?? 'bad' },
          now: TEST_NOW,
        }),
    ).toThrow(new RegExp(`- ${setting.replace(/\./g, '\\.')} = .*Fix: `));
    app.synth();
    expect(fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json') || f.startsWith('assembly-'))).toEqual([]);
  });

  test('makes the real `cdk synth` exit non-zero for a bad config file, writing no template', () => {
    // GIVEN a config file with the recovery region equal to the primary
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-cli-'));
    const configFile = path.join(dir, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify({ recoveryRegion: ref.primaryRegion }));
    const outdir = path.join(dir, 'out');
    // WHEN
    const run = spawnSync(
      path.join(__dirname, '../../node_modules/.bin/cdk'),
      ['synth', '--quiet', '-c', `configFile=${configFile}`, '--output', outdir],
      { cwd: path.join(__dirname, '../..'), encoding: 'utf8', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
    );
    // THEN
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('recoveryRegion.region = "eu-west-1": equals the primary region');
    const written = fs.existsSync(outdir) ? fs.readdirSync(outdir, { recursive: true }).map(String) : [];
    expect(written.filter((f) => f.endsWith('.template.json'))).toEqual([]);
  });
});
