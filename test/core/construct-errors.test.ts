import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { InvalidSettingError, PlatformConfigError, PlatformConstructError } from '../../lib/core/errors';
import { MultiAzDatabase } from '../../lib/data/multi-az-database';
import { LockedBackupVault } from '../../lib/backup/locked-backup-vault';
import { SecureNetwork } from '../../lib/network/secure-network';

const ROOT = path.resolve(__dirname, '../..');
const CONSTRUCT_FOLDERS = [
  'network',
  'edge',
  'compute',
  'keys',
  'data',
  'backup',
  'monitoring',
  'billing',
  'stacks',
  'core',
];
const LIBRARY_BUG = '// library bug, not a user mistake';
/** `code: 'Owner.setting'` (or `code = '...'` for a class field), the only way a code is written in the source. */
const CODE_LITERAL = /\bcode(?:: string)?\s*[:=]\s*'([^']+)'/g;
const CODE_FORM = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*){1,2}$/;
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file);

/** Every code written in lib/, with the files that write it. */
function codesInSource(): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  for (const file of sourceFiles(path.join(ROOT, 'lib'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(CODE_LITERAL)) {
      codes.set(m[1], [...(codes.get(m[1]) ?? []), rel(file)]);
    }
  }
  return codes;
}

function codesInDocs(): string[] {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/errors.md'), 'utf8');
  return [...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

function thrown(build: () => unknown): unknown {
  try {
    build();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('construct errors: one type, stable codes, documented', () => {
  test('no construct folder throws a hand-formatted Error, except a marked library bug', () => {
    const unmarked = CONSTRUCT_FOLDERS.flatMap((folder) =>
      sourceFiles(path.join(ROOT, 'lib', folder)).flatMap((file) => {
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        return lines.flatMap((line, i) => {
          if (!line.includes('throw new Error(')) return [];
          // The marker on the line itself or in the two lines above (above an `if (...) throw` too).
          const near = lines.slice(Math.max(0, i - 2), i + 1).join('\n');
          return near.includes(LIBRARY_BUG) ? [] : [`${rel(file)}:${i + 1}`];
        });
      }),
    );
    expect(unmarked).toEqual([]);
  });

  test('every code has the form Owner.setting[.mistake] and is written once in the whole library', () => {
    const codes = codesInSource();
    expect(codes.size).toBeGreaterThan(60);
    expect([...codes.keys()].filter((c) => !CODE_FORM.test(c))).toEqual([]);
    const twice = [...codes].filter(([, files]) => files.length > 1).map(([code, files]) => `${code}: ${files}`);
    expect(twice).toEqual([]);
  });

  test('docs/errors.md lists exactly the codes of the source, each once', () => {
    const documented = codesInDocs();
    expect(documented.filter((c, i) => documented.indexOf(c) !== i)).toEqual([]);
    expect([...documented].sort()).toEqual([...codesInSource().keys()].sort());
  });

  test('every PlatformConstructError in lib/ is given a literal code (or a code its caller wrote)', () => {
    // A helper that throws for several constructs takes the code from its callers, who write it literally.
    const forwarding = new Set(['lib/core/log-retention.ts']);
    const dynamic = sourceFiles(path.join(ROOT, 'lib')).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return [...text.matchAll(/new PlatformConstructError\(\{\s*code: ([^,\n]+),/g)]
        .filter((m) => !m[1].startsWith("'") && !forwarding.has(rel(file)))
        .map((m) => `${rel(file)}: code ${m[1]}`);
    });
    expect(dynamic).toEqual([]);
  });
});

describe('PlatformConstructError, thrown by real constructs', () => {
  test('MultiAzDatabase readers: 1 fails with its code, its path, the setting, the value and the fix', () => {
    const stack = new Stack(new App(), 'Db', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      availabilityZones: ZONES,
      subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      natGateways: 0,
    });
    const error = thrown(
      () =>
        new MultiAzDatabase(stack, 'Database', {
          vpc,
          availabilityZones: ZONES,
          encryptionKey: new kms.Key(stack, 'Data'),
          logEncryptionKey: new kms.Key(stack, 'Logs'),
          clusterIdentifier: 'test-db',
          readers: 1,
        }),
    );
    expect(error).toBeInstanceOf(PlatformConstructError);
    expect(error).toMatchObject({
      name: 'PlatformConstructError',
      code: 'MultiAzDatabase.readers',
      constructPath: 'Db/Database',
      setting: 'readers',
      value: 1,
      fix: 'set readers from 2 to 15 (default 2)',
    });
    expect((error as Error).message).toBe(
      '[MultiAzDatabase.readers] Db/Database: readers = 1: needs 2 to 15 readers so a writer and two readers span ' +
        'three zones (DATA-1, HA-1). Fix: set readers from 2 to 15 (default 2)',
    );
  });

  test('SecureNetwork natGateways: 0 fails with its code and path', () => {
    const stack = new Stack(new App(), 'Net', { env: { region: 'eu-west-1' } });
    const error = thrown(() => new SecureNetwork(stack, 'Network', { availabilityZones: ZONES, natGateways: 0 }));
    expect(error).toBeInstanceOf(PlatformConstructError);
    expect(error).toMatchObject({ code: 'SecureNetwork.natGateways', constructPath: 'Net/Network', value: 0 });
  });

  test('a Duration value reads as the user wrote it (LockedBackupVault maxRetention)', () => {
    const stack = new Stack(new App(), 'Vault', { env: { account: '123456789012', region: 'eu-west-1' } });
    const error = thrown(
      () =>
        new LockedBackupVault(stack, 'Vault', {
          vaultName: 'v',
          encryptionKey: new kms.Key(stack, 'Key'),
          minRetention: Duration.days(7),
          maxRetention: Duration.days(7),
        }),
    );
    expect(error).toMatchObject({ code: 'LockedBackupVault.maxRetention', constructPath: 'Vault/Vault' });
    expect((error as Error).message).toMatch(
      /^\[LockedBackupVault\.maxRetention\] Vault\/Vault: maxRetention = 7 days: /,
    );
  });
});

describe('one type to catch', () => {
  test('InvalidSettingError is a PlatformConstructError with a derived code, keeping its message', () => {
    const error = new InvalidSettingError('ReplicatedBucket App/Reports', {
      setting: 'replicaScope',
      value: 'Recovery',
      problem: 'is in eu-west-1',
      fix: 'give a stack of the recovery region',
    });
    expect(error).toBeInstanceOf(PlatformConstructError);
    expect(error.code).toBe('ReplicatedBucket.replicaScope');
    expect(error.message).toBe(
      'ReplicatedBucket App/Reports replicaScope = "Recovery": is in eu-west-1. Fix: give a stack of the recovery region',
    );
  });

  test('isPlatformConstructError recognises one from another copy of the library, and nothing else', () => {
    const error = new PlatformConstructError({ code: 'Test.setting', problem: 'p', fix: 'f' });
    expect(error.message).toBe('[Test.setting] p. Fix: f');
    expect(PlatformConstructError.isPlatformConstructError(error)).toBe(true);
    // Another copy has another class but the same registered symbol.
    const copy = Object.assign(new Error('x'), {
      [Symbol.for('@pocketcity/secure-platform.PlatformConstructError')]: true,
    });
    expect(PlatformConstructError.isPlatformConstructError(copy)).toBe(true);
    expect(PlatformConstructError.isPlatformConstructError(new Error('x'))).toBe(false);
    expect(PlatformConstructError.isPlatformConstructError(new PlatformConfigError('e', []))).toBe(false);
  });

  test('a PlatformConfigError carries the one config code', () => {
    expect(new PlatformConfigError('prod', []).code).toBe('PlatformConfig.invalid');
  });
});
