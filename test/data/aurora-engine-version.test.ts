import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import {
  AURORA_POSTGRES_17_VERSIONS,
  AURORA_RELEASE_CALENDAR_URL,
  AuroraEngineVersionRow,
  ENGINE_VERSION_WARNING_DAYS,
  judgeAuroraEngineVersion,
} from '../../lib/core/requirements/aurora-engine-versions';
import { DEFAULT_AURORA_ENGINE_VERSION, MultiAzDatabase } from '../../lib/data/multi-az-database';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function buildDatabase(engineVersion: rds.AuroraPostgresEngineVersion, now: Date): Stack {
  const stack = new Stack(new App(), 'Db', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ZONES,
    subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    natGateways: 0,
  });
  new MultiAzDatabase(stack, 'Database', {
    vpc,
    availabilityZones: ZONES,
    encryptionKey: new kms.Key(stack, 'Data'),
    logEncryptionKey: new kms.Key(stack, 'Logs'),
    clusterIdentifier: 'test-db',
    engineVersion,
    now,
  });
  return stack;
}

describe('the dated Aurora PostgreSQL 17 table', () => {
  test('every row has a valid date and a unique version; published rows cite the release calendar', () => {
    const versions = AURORA_POSTGRES_17_VERSIONS.map((r) => r.version);
    expect(new Set(versions).size).toBe(versions.length);
    const problems = AURORA_POSTGRES_17_VERSIONS.flatMap((row) => [
      ...(ISO_DATE.test(row.endOfCreation) && !Number.isNaN(Date.parse(row.endOfCreation))
        ? []
        : [`${row.version}: endOfCreation`]),
      ...(ISO_DATE.test(row.auroraRelease) && row.auroraRelease < row.endOfCreation
        ? []
        : [`${row.version}: auroraRelease`]),
      ...(row.estimate
        ? row.reason.length > 0
          ? []
          : [`${row.version}: estimate without a reason`]
        : row.source.url === AURORA_RELEASE_CALENDAR_URL && ISO_DATE.test(row.source.read)
          ? []
          : [`${row.version}: source`]),
    ]);
    expect(problems).toEqual([]);
  });

  test('the default is a published row that AWS still creates today', () => {
    const version = DEFAULT_AURORA_ENGINE_VERSION.auroraPostgresFullVersion;
    expect(version).toBe('17.9');
    expect(AURORA_POSTGRES_17_VERSIONS.find((r) => r.version === version)?.estimate).toBe(false);
    expect(judgeAuroraEngineVersion(version, new Date()).level).not.toBe('error');
  });
});

describe('judgeAuroraEngineVersion', () => {
  test('warns within 90 days of the end of creation', () => {
    expect(judgeAuroraEngineVersion('17.5', new Date('2026-12-02T00:00:00Z'))).toEqual({
      level: 'warning',
      message: 'Aurora PostgreSQL 17.5 stops being created on 2026-12-31, in 29 days',
    });
  });

  test('errors once the end of creation has passed, and not on the last day', () => {
    expect(judgeAuroraEngineVersion('17.4', new Date('2026-12-01T00:00:00Z'))).toEqual({
      level: 'error',
      message: 'Aurora PostgreSQL 17.4 is no longer created by AWS after 2026-11-30',
    });
    expect(judgeAuroraEngineVersion('17.4', new Date('2026-11-30T12:00:00Z')).level).toBe('warning');
  });

  test('is ok beyond the warning window and warns from its first day', () => {
    // 17.9 ends 2027-09-30: 90 days before is 2027-07-02.
    expect(judgeAuroraEngineVersion('17.9', new Date('2027-07-01T00:00:00Z')).level).toBe('ok');
    expect(judgeAuroraEngineVersion('17.9', new Date('2027-07-02T00:00:00Z'))).toEqual({
      level: 'warning',
      message: `Aurora PostgreSQL 17.9 stops being created on 2027-09-30, in ${ENGINE_VERSION_WARNING_DAYS} days`,
    });
  });

  test('marks an estimated date as such', () => {
    const table: AuroraEngineVersionRow[] = [
      {
        version: '17.99',
        auroraRelease: '2027-01-01',
        endOfCreation: '2027-03-31',
        estimate: true,
        reason: 'the calendar gives only the month',
      },
    ];
    expect(judgeAuroraEngineVersion('17.99', new Date('2027-04-01T00:00:00Z'), table).message).toBe(
      'Aurora PostgreSQL 17.99 is no longer created by AWS after 2027-03-31 (estimated)',
    );
  });

  test('warns on a version the table does not know', () => {
    expect(judgeAuroraEngineVersion('17.8', new Date()).level).toBe('warning');
  });
});

describe('MultiAzDatabase engine version at synth', () => {
  test('fails on a version AWS no longer creates, naming the prop and the fix', () => {
    const stack = new Stack(new App(), 'Db', { env: { account: '123456789012', region: 'eu-west-1' } });
    expect(
      () =>
        new MultiAzDatabase(stack, 'Database', {
          engineVersion: rds.AuroraPostgresEngineVersion.VER_17_4,
          now: new Date('2026-12-01T00:00:00Z'),
        } as never),
    ).toThrow(
      /^\[MultiAzDatabase\.engineVersion\] Db\/Database: engineVersion = "17\.4": Aurora PostgreSQL 17\.4 is no longer created by AWS after 2026-11-30\. Fix: pick a current/,
    );
  });

  test('warns on a version within 90 days of its end', () => {
    const stack = buildDatabase(rds.AuroraPostgresEngineVersion.VER_17_5, new Date('2026-12-02T00:00:00Z'));
    const warnings = Annotations.fromStack(stack).findWarning('/Db/Database', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringContaining('Aurora PostgreSQL 17.5 stops being created on 2026-12-31, in 29 days'),
    ]);
  });

  test('accepts the default and a newer minor given with AuroraPostgresEngineVersion.of, without a warning', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    for (const version of [DEFAULT_AURORA_ENGINE_VERSION, rds.AuroraPostgresEngineVersion.of('17.10', '17')]) {
      expect(Annotations.fromStack(buildDatabase(version, now)).findWarning('/Db/Database', Match.anyValue())).toEqual(
        [],
      );
    }
  });
});
