import { App, Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import {
  AURORA_POSTGRES_17_VERSIONS,
  judgeAuroraEngineVersion,
} from '../../lib/core/requirements/aurora-engine-versions';
import { DEFAULT_AURORA_ENGINE_VERSION, MultiAzDatabase } from '../../lib/data/multi-az-database';

describe('Aurora engine version, judged against the dated table', () => {
  test('the default is the newest 17 minor of the table and is creatable today', () => {
    expect(DEFAULT_AURORA_ENGINE_VERSION.auroraPostgresFullVersion).toBe('17.9');
    expect(AURORA_POSTGRES_17_VERSIONS.map((r) => r.version)).toContain('17.9');
    expect(judgeAuroraEngineVersion('17.9', new Date()).level).not.toBe('error');
  });

  test('warns within 90 days of the end of creation, and errors after it', () => {
    expect(judgeAuroraEngineVersion('17.7', new Date('2026-12-15T00:00:00Z'))).toEqual({
      level: 'warning',
      message: 'Aurora PostgreSQL 17.7 stops being created on 2027-02-28 (estimated), in 75 days',
    });
    expect(judgeAuroraEngineVersion('17.4', new Date('2026-06-01T00:00:00Z'))).toEqual({
      level: 'error',
      message: 'Aurora PostgreSQL 17.4 is no longer created by AWS since 2026-05-31 (estimated)',
    });
    expect(judgeAuroraEngineVersion('17.9', new Date('2026-12-01T00:00:00Z')).level).toBe('ok');
  });

  test('warns on a version the table does not know', () => {
    expect(judgeAuroraEngineVersion('17.8', new Date()).level).toBe('warning');
  });

  test('MultiAzDatabase fails at synth on a version AWS no longer creates, naming the prop and the fix', () => {
    const stack = new Stack(new App(), 'Db', { env: { account: '123456789012', region: 'eu-west-1' } });
    expect(
      () =>
        new MultiAzDatabase(stack, 'Database', {
          engineVersion: rds.AuroraPostgresEngineVersion.VER_17_4,
          now: new Date('2026-06-01T00:00:00Z'),
        } as never),
    ).toThrow(
      /MultiAzDatabase engineVersion = 17\.4: Aurora PostgreSQL 17\.4 is no longer created by AWS since 2026-05-31 \(estimated\)\. Fix: pick a current/,
    );
  });
});
