import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BackupClient } from '@aws-sdk/client-backup';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { bootstrapSql, runBootstrap } from '../../lib/data/database-bootstrap/run-bootstrap';
import {
  metricFromEnvironment,
  RestoreValidationDeps,
  validateRestore,
} from '../../lib/backup/restore-validation/validate-restore';
import { RESTORE_VALIDATION_METRIC } from '../../lib/core/requirements/emf-metrics';
import { stageModels } from '../../lib/compliance/template/stage-model';
import { asArray } from '../../lib/compliance/template/template-values';
import { referenceAssembly, REFERENCE_ENVIRONMENT } from '../support/reference-assembly';
import { MASTER_PASSWORD, MASTER_USER, RehearsalPostgres } from '../data/rehearsal/postgres-server';
import { describeWithEmulator, MotoServer, startMoto } from '../preflight/moto-server';

/**
 * The restore validation's own code (validate-restore.js) against what a restore test leaves behind: a PostgreSQL 17
 * that the bootstrap set up (standing in for the restored cluster, reached over TLS verify-full as the dump reader),
 * and buckets of the S3 emulator (moto on loopback) standing in for the restored and the source bucket. AWS Backup's
 * PutRestoreValidationResult is not served by the emulator: the BackupClient's middleware captures each call's input
 * and answers it, so the test asserts exactly what would be sent.
 */

const DUMP_READER = { user: 'dump_reader', password: 'rehearsalDumpReader0Secret9' };
const RESTORE_JOB = 'restore-job-1';
const CLUSTER_ARN = 'arn:aws:rds:eu-west-1:123456789012:cluster:awsbackup-restore-test-1a2b3c';
const event = (resourceType: string, createdResourceArn: string) => ({
  source: 'aws.backup',
  'detail-type': 'Restore Job State Change',
  detail: {
    restoreJobId: RESTORE_JOB,
    status: 'COMPLETED',
    resourceType,
    createdResourceArn,
    restoreTestingPlanArn: 'arn:aws:backup:eu-west-1:123456789012:restore-testing-plan:prod_restore_tests_primary-x',
  },
});

/** A BackupClient whose calls never leave the process: each command's name and input are recorded. */
function capturingBackup(): { client: BackupClient; calls: { command: string; input: unknown }[] } {
  const calls: { command: string; input: unknown }[] = [];
  const client = new BackupClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  client.middlewareStack.add(
    (_next, context) => (args) => {
      calls.push({ command: String(context.commandName), input: args.input });
      return Promise.resolve({ output: { $metadata: { httpStatusCode: 204 } }, response: {} });
    },
    { step: 'initialize', name: 'captureRestoreValidationResult' },
  );
  return { client, calls };
}

/** A CA that did not sign the server's certificate. */
function otherCa(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'other-ca-'));
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Other CA'];
  execFileSync('openssl', [...args, '-keyout', 'k', '-out', 'c'], { cwd: dir, stdio: 'ignore' });
  const pem = fs.readFileSync(path.join(dir, 'c'), 'utf8');
  fs.rmSync(dir, { recursive: true });
  return pem;
}

let pg: RehearsalPostgres;
let ca: string[];
let released = 0;
const database = (over: Partial<NonNullable<RestoreValidationDeps['database']>> = {}) => ({
  endpoint: () =>
    Promise.resolve({ host: 'localhost', port: pg.port, release: () => Promise.resolve(void released++) }),
  logins: () => Promise.resolve([DUMP_READER]),
  ca,
  databaseName: 'app',
  expectedTables: { orders: 2 },
  ...over,
});

beforeAll(
  async () => {
    pg = await RehearsalPostgres.start();
    ca = [fs.readFileSync(pg.caFile, 'utf8')];
    const connection = {
      host: 'localhost',
      port: pg.port,
      database: 'app',
      user: MASTER_USER,
      password: MASTER_PASSWORD,
      ca,
    };
    await runBootstrap(connection, [], bootstrapSql(), DUMP_READER);
    // The application's table, owned by app_owner as the application would create it, with two rows.
    const made = pg.psql(
      MASTER_USER,
      MASTER_PASSWORD,
      "SET ROLE app_owner; CREATE TABLE app.orders (id bigserial PRIMARY KEY, status text); INSERT INTO app.orders (status) VALUES ('paid'), ('open');",
    );
    if (made.status !== 0) throw new Error(`rehearsal set-up failed: ${made.stderr}`);
    // The next deploy's bootstrap grants the dump reader the new table, as in production.
    await runBootstrap(connection, [], bootstrapSql(), DUMP_READER);
  },
  30 * 60 * 1000,
);

afterAll(async () => {
  await pg?.stop();
});

describe('restore validation against PostgreSQL 17 (the restored cluster)', () => {
  test('a restore holding the bootstrap schema and the expected rows passes, and the verdict is reported', async () => {
    const backup = capturingBackup();
    const before = released;
    const verdict = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database(),
    });
    expect(verdict.status).toBe('SUCCESSFUL');
    expect(verdict.message).toMatch(
      /schema app \(app_owner\), roles app_owner, app_service, db_people, dump_reader, pgaudit; 1 tables readable; rows: orders 2/,
    );
    expect(backup.calls).toEqual([
      {
        command: 'PutRestoreValidationResultCommand',
        input: { RestoreJobId: RESTORE_JOB, ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: verdict.message },
      },
    ]);
    // The instance added to read the restored cluster is released.
    expect(released).toBe(before + 1);
  });

  test('a missing table fails', async () => {
    const backup = capturingBackup();
    const verdict = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database({ expectedTables: { orders: 1, invoices: 1 } }),
    });
    expect(verdict).toEqual({ status: 'FAILED', message: 'restored database: table app.invoices is missing' });
    expect(backup.calls.map((c) => c.input)).toEqual([
      { RestoreJobId: RESTORE_JOB, ValidationStatus: 'FAILED', ValidationStatusMessage: verdict.message },
    ]);
  });

  test('a wrong row count fails', async () => {
    const backup = capturingBackup();
    const verdict = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database({ expectedTables: { orders: 3 } }),
    });
    expect(verdict).toEqual({
      status: 'FAILED',
      message: 'restored database: table app.orders has 2 rows, fewer than 3',
    });
    expect(backup.calls).toHaveLength(1);
  });

  test('a missing bootstrap role fails', async () => {
    const backup = capturingBackup();
    const dropped = pg.psql(
      'postgres',
      'rehearsal-superuser',
      'CREATE ROLE db_people_kept; ALTER ROLE db_people RENAME TO db_people_gone;',
    );
    expect(dropped.status).toBe(0);
    try {
      const verdict = await validateRestore(event('Aurora', CLUSTER_ARN), {
        backup: backup.client,
        database: database(),
      });
      expect(verdict).toEqual({ status: 'FAILED', message: 'restored database: roles db_people are missing' });
    } finally {
      pg.psql(
        'postgres',
        'rehearsal-superuser',
        'ALTER ROLE db_people_gone RENAME TO db_people; DROP ROLE db_people_kept;',
      );
    }
  });

  test("the snapshot's older password: the previous login is tried after the current one is refused", async () => {
    const backup = capturingBackup();
    const verdict = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database({
        logins: () => Promise.resolve([{ ...DUMP_READER, password: 'rotated-since' }, DUMP_READER]),
      }),
    });
    expect(verdict.status).toBe('SUCCESSFUL');
  });

  test('a connection failure is reported FAILED, never thrown', async () => {
    const backup = capturingBackup();
    const verdict = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database({ endpoint: () => Promise.resolve({ host: 'localhost', port: 1 }) }),
    });
    expect(verdict.status).toBe('FAILED');
    expect(verdict.message).toMatch(/^validation could not run: .*ECONNREFUSED/);
    expect(backup.calls.map((c) => (c.input as { ValidationStatus: string }).ValidationStatus)).toEqual(['FAILED']);
  });

  test('verify-full: a CA that did not sign the server, or a host name the certificate does not name, fails', async () => {
    const backup = capturingBackup();
    const wrongCa = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database({ ca: [otherCa()] }),
    });
    expect(wrongCa.status).toBe('FAILED');
    expect(wrongCa.message).toMatch(/^validation could not run: .*(self-signed|unable to verify|certificate)/i);
    const wrongHost = await validateRestore(event('Aurora', CLUSTER_ARN), {
      backup: backup.client,
      database: database({ endpoint: () => Promise.resolve({ host: '127.0.0.1', port: pg.port }) }),
    });
    expect(wrongHost.status).toBe('FAILED');
    expect(wrongHost.message).toMatch(/^validation could not run: .*(altnames|Hostname|IP)/i);
    expect(backup.calls).toHaveLength(2);
  });

  test('a restore of a type it cannot validate is reported FAILED', async () => {
    const backup = capturingBackup();
    const verdict = await validateRestore(event('EBS', 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-1'), {
      backup: backup.client,
      database: database(),
    });
    expect(verdict).toEqual({ status: 'FAILED', message: 'no validation for resource type EBS here' });
  });
});

/** What the code wrote to stdout while `run` ran: each write, and the embedded-metric-format documents among them. */
async function stdoutOf(run: () => Promise<unknown>): Promise<{ writes: string[]; documents: EmfDocument[] }> {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  try {
    await run().catch(() => undefined);
  } finally {
    spy.mockRestore();
  }
  const emf = writes.filter((w) => w.includes('"_aws"'));
  return { writes: emf, documents: emf.map((w) => JSON.parse(w) as EmfDocument) };
}

interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit?: string }[];
    }[];
  };
  readonly [member: string]: unknown;
}

describe('the verdict metric the alarm reads (embedded metric format on stdout)', () => {
  // The function's environment as the reference template sets it, and the alarm as the template declares it: the
  // code below is the function's own, so what it writes is what Lambda hands CloudWatch Logs.
  const model = stageModels(referenceAssembly()).find((m) => m.name === REFERENCE_ENVIRONMENT)!;
  const fn = model.theOne('restore-validation-function');
  const alarm = model.theOne('restore-validation-alarm');
  const variables = (fn.props.Environment as { Variables: Record<string, unknown> }).Variables;
  const environment = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, model.text(fn, v)]));
  const watched = {
    namespace: model.text(alarm, alarm.props.Namespace),
    metricName: model.text(alarm, alarm.props.MetricName)!,
    dimensions: asArray<{ Name: string; Value: unknown }>(alarm.props.Dimensions).map(
      (d) => [d.Name, model.text(alarm, d.Value)] as const,
    ),
  };
  const metric = metricFromEnvironment(environment);

  /** The one document a verdict wrote, checked against what the alarm reads; its metric's value. */
  function valueFor(documents: EmfDocument[], writes: string[]): unknown {
    expect(documents).toHaveLength(1);
    // The whole log event is the document: nothing before it, one line.
    expect(writes[0]).toMatch(/^\{.*\}\n$/s);
    const [doc] = documents;
    expect(doc._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: watched.namespace,
        Dimensions: [watched.dimensions.map(([name]) => name)],
        Metrics: [{ Name: watched.metricName, Unit: 'Count' }],
      },
    ]);
    for (const [name, value] of watched.dimensions) expect(doc[name]).toBe(value);
    expect(Math.abs(doc._aws.Timestamp - Date.now())).toBeLessThan(60000);
    return doc[watched.metricName];
  }

  test('the alarm reads the metric core names, by the environment the function is told', () => {
    expect(watched).toEqual({
      namespace: RESTORE_VALIDATION_METRIC.namespace,
      metricName: RESTORE_VALIDATION_METRIC.metricName,
      dimensions: [[RESTORE_VALIDATION_METRIC.dimensionName, REFERENCE_ENVIRONMENT]],
    });
    expect(metric).toEqual({
      namespace: RESTORE_VALIDATION_METRIC.namespace,
      metricName: RESTORE_VALIDATION_METRIC.metricName,
      dimensionName: RESTORE_VALIDATION_METRIC.dimensionName,
      dimensionValue: REFERENCE_ENVIRONMENT,
    });
    expect(alarm.props).toMatchObject({ Statistic: 'Sum', Threshold: 1, EvaluationPeriods: 1 });
  });

  test('a FAILED verdict writes 1, which reaches the threshold; a SUCCESSFUL one writes 0, which does not', async () => {
    const failedRun = await stdoutOf(() =>
      validateRestore(event('Aurora', CLUSTER_ARN), {
        backup: capturingBackup().client,
        database: database({ expectedTables: { invoices: 1 } }),
        metric,
      }),
    );
    const failedValue = valueFor(failedRun.documents, failedRun.writes);
    expect(failedValue).toBe(1);
    expect(failedValue).toBeGreaterThanOrEqual(Number(alarm.props.Threshold));
    expect(failedRun.documents[0]).toMatchObject({ validationStatus: 'FAILED', restoreJobId: RESTORE_JOB });

    const passedRun = await stdoutOf(() =>
      validateRestore(event('Aurora', CLUSTER_ARN), { backup: capturingBackup().client, database: database(), metric }),
    );
    const passedValue = valueFor(passedRun.documents, passedRun.writes);
    expect(passedValue).toBe(0);
    expect(passedValue).toBeLessThan(Number(alarm.props.Threshold));
  });

  test('a validation that could not run, or whose report to AWS Backup fails, still writes 1', async () => {
    const refused = await stdoutOf(() =>
      validateRestore(event('Aurora', CLUSTER_ARN), {
        backup: capturingBackup().client,
        database: database({ endpoint: () => Promise.resolve({ host: 'localhost', port: 1 }) }),
        metric,
      }),
    );
    expect(valueFor(refused.documents, refused.writes)).toBe(1);
    const unreported = await stdoutOf(() =>
      validateRestore(event('EBS', 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-1'), {
        backup: { send: () => Promise.reject(new Error('AccessDeniedException')) },
        metric,
      }),
    );
    expect(valueFor(unreported.documents, unreported.writes)).toBe(1);
  });
});

describeWithEmulator('restore validation against the S3 emulator (the restored bucket)', () => {
  let moto: MotoServer;
  let s3: S3Client;
  const put = (Bucket: string, Key: string, Body: string) => s3.send(new PutObjectCommand({ Bucket, Key, Body }));
  const bucket = async (name: string) => {
    await s3.send(
      new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  };
  const validateBucket = async (restored: string, source: string) => {
    const backup = capturingBackup();
    const verdict = await validateRestore(event('S3', `arn:aws:s3:::${restored}`), {
      backup: backup.client,
      buckets: { s3, sourceBucket: source },
    });
    return { verdict, calls: backup.calls };
  };

  beforeAll(async () => {
    moto = await startMoto();
    s3 = new S3Client({ endpoint: moto.endpoint, region: 'eu-west-1', forcePathStyle: true });
    for (const name of [
      'uploads',
      'awsbackup-restore-test-good',
      'awsbackup-restore-test-bad',
      'empty-source',
      'awsbackup-restore-test-empty',
    ]) {
      await bucket(name);
    }
    // The source's object changed after the backup: the restored copy equals its older version.
    await put('uploads', 'invoices/1.pdf', 'invoice one');
    await put('uploads', 'invoices/1.pdf', 'invoice one, amended');
    await put('awsbackup-restore-test-good', 'invoices/1.pdf', 'invoice one');
    await put('awsbackup-restore-test-bad', 'invoices/1.pdf', 'invoice 0ne');
  }, 60000);

  afterAll(async () => {
    s3?.destroy();
    await moto?.stop();
  });

  test("a restored object whose SHA-256 equals a version of the source's passes", async () => {
    const { verdict, calls } = await validateBucket('awsbackup-restore-test-good', 'uploads');
    expect(verdict.status).toBe('SUCCESSFUL');
    expect(verdict.message).toMatch(
      /^restored object invoices\/1\.pdf \(11 bytes\) has SHA-256 [0-9a-f]{64}, as version \S+ of uploads$/,
    );
    expect(calls).toEqual([
      {
        command: 'PutRestoreValidationResultCommand',
        input: { RestoreJobId: RESTORE_JOB, ValidationStatus: 'SUCCESSFUL', ValidationStatusMessage: verdict.message },
      },
    ]);
  });

  test('a wrong digest fails', async () => {
    const { verdict, calls } = await validateBucket('awsbackup-restore-test-bad', 'uploads');
    expect(verdict.status).toBe('FAILED');
    expect(verdict.message).toMatch(
      /^restored objects differ from every version of the same key in uploads: invoices\/1\.pdf \(SHA-256 [0-9a-f]{64}\)$/,
    );
    expect(calls.map((c) => (c.input as { ValidationStatus: string }).ValidationStatus)).toEqual(['FAILED']);
  });

  test('an empty restore of a bucket that holds objects fails; of an empty bucket passes', async () => {
    expect((await validateBucket('awsbackup-restore-test-empty', 'uploads')).verdict).toEqual({
      status: 'FAILED',
      message: 'restored bucket awsbackup-restore-test-empty is empty, but source uploads holds objects',
    });
    expect((await validateBucket('awsbackup-restore-test-empty', 'empty-source')).verdict.status).toBe('SUCCESSFUL');
  });

  test('a restored object no longer in the source fails', async () => {
    await put('awsbackup-restore-test-empty', 'gone.txt', 'x');
    try {
      expect((await validateBucket('awsbackup-restore-test-empty', 'uploads')).verdict).toEqual({
        status: 'FAILED',
        message: 'none of the 1 newest restored objects exists in uploads',
      });
    } finally {
      await s3.send(new DeleteObjectCommand({ Bucket: 'awsbackup-restore-test-empty', Key: 'gone.txt' }));
    }
  });

  test('a bucket that cannot be read is reported FAILED, never thrown', async () => {
    const { verdict, calls } = await validateBucket('awsbackup-restore-test-missing', 'uploads');
    expect(verdict.status).toBe('FAILED');
    expect(verdict.message).toMatch(/^validation could not run: .*(NoSuchBucket|does not exist)/);
    expect(calls).toHaveLength(1);
  });
});
