'use strict';
// Validates what an AWS Backup restore test restored, and reports the verdict with PutRestoreValidationResult.
// Every outcome is reported: a check that fails, and any error on the way (no connection, no permission), is a
// FAILED verdict with its reason, never a silent return. Kept apart from the Lambda glue (index.js) so the
// rehearsal runs this very code against PostgreSQL 17 and the S3 emulator.
const crypto = require('crypto');
const { Client } = require('pg');
const { PutRestoreValidationResultCommand } = require('@aws-sdk/client-backup');
const { GetObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand } = require('@aws-sdk/client-s3');

/** What the bootstrap creates and a restored database must still hold (bootstrap.sql of lib/data). */
const BOOTSTRAP_OBJECTS = {
  schema: 'app',
  schemaOwner: 'app_owner',
  roles: ['app_owner', 'app_service', 'db_people', 'dump_reader'],
  extension: 'pgaudit',
};
/** PutRestoreValidationResult's message is a free string; kept short enough to read in the console and an alert. */
const MESSAGE_LIMIT = 1000;
/** Newest restored objects tried against the source; larger objects are skipped (the digest streams them). */
const CANDIDATES = 5;
const MAX_DIGEST_BYTES = 256 * 1024 * 1024;

/**
 * @param {object} event the EventBridge `Restore Job State Change` event (status COMPLETED, of a restore test)
 * @param {object} deps `backup` (a BackupClient), and per store type: `database` ({ endpoint(clusterArn) ->
 *   { host, port, release() }, logins() -> [{ user, password }], ca, databaseName, expectedTables }) and `buckets`
 *   ({ s3 (an S3Client), sourceBucket }); `metric` ({ namespace, metricName, dimensionName, dimensionValue }), the
 *   verdict metric written to stdout for every verdict (metricFromEnvironment)
 * @returns {Promise<{ status: 'SUCCESSFUL' | 'FAILED', message: string }>} what was reported
 */
async function validateRestore(event, deps) {
  const detail = (event && event.detail) || {};
  const jobId = detail.restoreJobId;
  let verdict;
  try {
    if (!jobId) throw new Error('the event names no restoreJobId');
    if (detail.resourceType === 'Aurora' && deps.database) {
      verdict = await validateDatabase(detail.createdResourceArn, deps.database);
    } else if (detail.resourceType === 'S3' && deps.buckets) {
      verdict = await validateBucket(detail.createdResourceArn, deps.buckets);
    } else {
      verdict = failed(`no validation for resource type ${detail.resourceType} here`);
    }
  } catch (e) {
    verdict = failed(`validation could not run: ${e && e.message ? e.message : e}`);
  }
  const message = verdict.message.slice(0, MESSAGE_LIMIT);
  console.log(JSON.stringify({ restoreJobId: jobId, validationStatus: verdict.status, message }));
  // Before reporting, so a verdict whose report fails still counts; the alarm on this metric is the alert.
  if (deps.metric) writeVerdictMetric(deps.metric, verdict.status, { restoreJobId: jobId, detail });
  // Reporting is the one step whose failure cannot be reported: it throws, so the invocation fails and is logged.
  if (jobId) {
    await deps.backup.send(
      new PutRestoreValidationResultCommand({
        RestoreJobId: jobId,
        ValidationStatus: verdict.status,
        ValidationStatusMessage: message,
      }),
    );
  }
  return { status: verdict.status, message };
}

/**
 * The metric a function writes through its log (embedded metric format), as the construct names it in the
 * environment (EMF_* variables, lib/core/requirements/emf-metrics.ts); undefined when any is missing.
 */
function metricFromEnvironment(env) {
  const metric = {
    namespace: env.EMF_NAMESPACE,
    metricName: env.EMF_METRIC_NAME,
    dimensionName: env.EMF_DIMENSION_NAME,
    dimensionValue: env.EMF_DIMENSION_VALUE,
  };
  return Object.values(metric).every((v) => typeof v === 'string' && v.length > 0) ? metric : undefined;
}

/**
 * One embedded-metric-format document on stdout: the metric is 1 for a FAILED verdict and 0 for a SUCCESSFUL one.
 * Written with process.stdout.write, not console.log: the document must be the whole log event, and Lambda's console
 * prefixes a time, request id and level (text format) or wraps the line in its own JSON (JSON format)
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html,
 * read 2026-12-07: the log event MUST be a JSON object with nothing before or after it).
 */
function writeVerdictMetric(metric, status, { restoreJobId, detail }) {
  const document = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: metric.namespace,
          Dimensions: [[metric.dimensionName]],
          Metrics: [{ Name: metric.metricName, Unit: 'Count' }],
        },
      ],
    },
    [metric.dimensionName]: metric.dimensionValue,
    [metric.metricName]: status === 'SUCCESSFUL' ? 0 : 1,
    // Not dimensions (the alarm reads the metric by its one dimension): kept for Logs Insights.
    validationStatus: status,
    restoreJobId: restoreJobId === undefined ? null : String(restoreJobId),
    resourceType: detail.resourceType === undefined ? null : String(detail.resourceType),
  };
  process.stdout.write(`${JSON.stringify(document)}\n`);
}

const failed = (message) => ({ status: 'FAILED', message });
const passed = (message) => ({ status: 'SUCCESSFUL', message });

/** Connects to the restored cluster (TLS verify-full) and checks what the bootstrap made, and the expected tables. */
async function validateDatabase(clusterArn, db) {
  if (!Array.isArray(db.ca) || db.ca.length === 0) throw new Error('no CA certificates to verify the server with');
  const endpoint = await db.endpoint(clusterArn);
  try {
    const logins = await db.logins();
    let lastError;
    // The restored cluster holds the password of the snapshot's day: the secret's previous version is tried too.
    for (const login of logins) {
      let client;
      try {
        client = await connect({ ...endpoint, database: db.databaseName, ...login, ca: db.ca });
      } catch (e) {
        lastError = e;
        if (/password authentication failed/.test(String(e && e.message))) continue;
        throw e;
      }
      try {
        return await checkDatabase(client, db.expectedTables || {});
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    throw lastError || new Error('no login to try');
  } finally {
    if (endpoint.release) await endpoint.release();
  }
}

async function connect(c) {
  const client = new Client({
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    password: c.password,
    // rejectUnauthorized plus the default checkServerIdentity: chain and host name verified (verify-full).
    ssl: { ca: c.ca, rejectUnauthorized: true },
    connectionTimeoutMillis: 20000,
    statement_timeout: 300000,
  });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  return client;
}

/** The problems of a restored database, or a passing verdict that names what was checked. */
async function checkDatabase(client, expectedTables) {
  const problems = [];
  const {
    rows: [schema],
  } = await client.query('SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1', [
    BOOTSTRAP_OBJECTS.schema,
  ]);
  if (!schema) problems.push(`schema ${BOOTSTRAP_OBJECTS.schema} is missing`);
  else if (schema.owner !== BOOTSTRAP_OBJECTS.schemaOwner) {
    problems.push(
      `schema ${BOOTSTRAP_OBJECTS.schema} is owned by ${schema.owner}, not ${BOOTSTRAP_OBJECTS.schemaOwner}`,
    );
  }
  const { rows: roles } = await client.query('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [
    BOOTSTRAP_OBJECTS.roles,
  ]);
  const missingRoles = BOOTSTRAP_OBJECTS.roles.filter((r) => !roles.some((row) => row.rolname === r));
  if (missingRoles.length) problems.push(`roles ${missingRoles.join(', ')} are missing`);
  const { rowCount: extension } = await client.query('SELECT 1 FROM pg_extension WHERE extname = $1', [
    BOOTSTRAP_OBJECTS.extension,
  ]);
  if (!extension) problems.push(`extension ${BOOTSTRAP_OBJECTS.extension} is missing`);

  const { rows: tables } = await client.query(
    "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1",
    [BOOTSTRAP_OBJECTS.schema],
  );
  const counts = {};
  for (const [table, fewest] of Object.entries(expectedTables)) {
    if (!tables.some((t) => t.name === table)) {
      problems.push(`table ${BOOTSTRAP_OBJECTS.schema}.${table} is missing`);
      continue;
    }
    const {
      rows: [{ n }],
    } = await client.query(`SELECT count(*)::bigint AS n FROM ${BOOTSTRAP_OBJECTS.schema}.${quoteIdent(table)}`);
    counts[table] = Number(n);
    if (Number(n) < fewest)
      problems.push(`table ${BOOTSTRAP_OBJECTS.schema}.${table} has ${n} rows, fewer than ${fewest}`);
  }
  // Every other table of the schema must at least be readable (its first page).
  for (const { name } of tables.filter((t) => !(t.name in expectedTables))) {
    await client.query(`SELECT 1 FROM ${BOOTSTRAP_OBJECTS.schema}.${quoteIdent(name)} LIMIT 1`);
  }
  if (problems.length) return failed(`restored database: ${problems.join('; ')}`);
  const listed = Object.entries(counts).map(([t, n]) => `${t} ${n}`);
  return passed(
    `restored database holds schema ${BOOTSTRAP_OBJECTS.schema} (${BOOTSTRAP_OBJECTS.schemaOwner}), roles ${BOOTSTRAP_OBJECTS.roles.join(', ')}, ${BOOTSTRAP_OBJECTS.extension}; ${tables.length} tables readable${listed.length ? `; rows: ${listed.join(', ')}` : ''}`,
  );
}

function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

/**
 * Compares a restored object with the source bucket: the SHA-256 of one of the newest restored objects must equal
 * that of a version of the same key in the source (objects change after the backup, so any version counts).
 */
async function validateBucket(bucketArn, { s3, sourceBucket }) {
  const restored = String(bucketArn || '').split(':::')[1];
  if (!restored) throw new Error(`the event's createdResourceArn '${bucketArn}' is not a bucket ARN`);
  const listing = await s3.send(new ListObjectsV2Command({ Bucket: restored, MaxKeys: 1000 }));
  const objects = (listing.Contents || [])
    .filter((o) => o.Size <= MAX_DIGEST_BYTES)
    .sort((a, b) => new Date(b.LastModified) - new Date(a.LastModified));
  if (objects.length === 0) {
    const source = await s3.send(new ListObjectsV2Command({ Bucket: sourceBucket, MaxKeys: 1 }));
    return (source.KeyCount || 0) === 0
      ? passed(`restored bucket ${restored} and source ${sourceBucket} are both empty: nothing to compare`)
      : failed(`restored bucket ${restored} is empty, but source ${sourceBucket} holds objects`);
  }
  const mismatches = [];
  for (const object of objects.slice(0, CANDIDATES)) {
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: sourceBucket, Prefix: object.Key }));
    const same = (versions.Versions || []).filter((v) => v.Key === object.Key && v.Size === object.Size);
    if (!(versions.Versions || []).some((v) => v.Key === object.Key)) continue;
    const digest = await sha256(s3, { Bucket: restored, Key: object.Key });
    for (const version of same) {
      if ((await sha256(s3, { Bucket: sourceBucket, Key: object.Key, VersionId: version.VersionId })) === digest) {
        return passed(
          `restored object ${object.Key} (${object.Size} bytes) has SHA-256 ${digest}, as version ${version.VersionId} of ${sourceBucket}`,
        );
      }
    }
    mismatches.push(`${object.Key} (SHA-256 ${digest})`);
  }
  return mismatches.length
    ? failed(`restored objects differ from every version of the same key in ${sourceBucket}: ${mismatches.join(', ')}`)
    : failed(`none of the ${Math.min(objects.length, CANDIDATES)} newest restored objects exists in ${sourceBucket}`);
}

async function sha256(s3, input) {
  const { Body } = await s3.send(new GetObjectCommand(input));
  const hash = crypto.createHash('sha256');
  for await (const chunk of Body) hash.update(chunk);
  return hash.digest('hex');
}

module.exports = { validateRestore, metricFromEnvironment, BOOTSTRAP_OBJECTS };
