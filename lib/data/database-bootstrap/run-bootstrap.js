'use strict';
// Runs the bootstrap SQL the custom resource carries and the people reconciliation over one verified-TLS
// connection, reads back what the database now holds, and logs in once more. Kept apart from the CloudFormation
// glue (index.js) so the rehearsal runs this very code.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const SQL_FILE = path.join(__dirname, 'bootstrap.sql');
/** The nightly dump's login role, as bootstrap.sql names it. */
const DUMP_READER_ROLE = 'dump_reader';

/** bootstrap.sql as the package ships it, and its SHA-256: what DatabaseBootstrap puts in the custom resource. */
function bootstrapSql() {
  const sql = fs.readFileSync(SQL_FILE, 'utf8');
  return { sql, digest: crypto.createHash('sha256').update(sql).digest('hex') };
}

/**
 * @param {object} connection host, port, database, user, password and `ca` (PEM strings the server's chain must
 *   end in). The host name is verified against the certificate (verify-full); there is no way to turn that off.
 * @param {string[]} people login roles for people; others in db_people lose LOGIN.
 * @param {{ sql: string, digest: string }} script the SQL the custom resource carries and the SHA-256 it declares
 *   beside it: the SQL given is run (a rollback runs the SQL of the old properties), and refused when the two
 *   disagree (a truncated or altered property).
 * @param {{ user: string, password: string }} [dumpReader] the dump reader's secret: its password is set (as a
 *   SCRAM verifier) and a fresh login as it is made before the bootstrap reports success.
 */
async function runBootstrap(connection, people, script, dumpReader) {
  const { sql } = script;
  const digest = crypto.createHash('sha256').update(sql).digest('hex');
  if (digest !== script.digest) {
    throw new Error(`the SQL given has digest ${digest}, not the declared ${script.digest}; refusing to run it`);
  }
  if (!Array.isArray(connection.ca) || connection.ca.length === 0) {
    throw new Error('no CA certificates: the bootstrap connects only over TLS verified against a CA bundle');
  }
  if (dumpReader && dumpReader.user !== DUMP_READER_ROLE) {
    throw new Error(
      `the dump reader's secret names user '${dumpReader.user}', but bootstrap.sql creates '${DUMP_READER_ROLE}'`,
    );
  }
  if (dumpReader && !dumpReader.password) throw new Error("the dump reader's secret holds no password");
  const client = connect(connection);
  await client.connect();
  let report;
  try {
    await client.query(sql);
    await client.query('CALL platform_bootstrap.reconcile_people($1::text[])', [people]);
    // SQL of an earlier version (a rollback's) creates no dump reader: nothing to set then, and nothing to log in as.
    const {
      rows: [{ settable }],
    } = await client.query(
      "SELECT to_regprocedure('platform_bootstrap.set_dump_reader_password(text)') IS NOT NULL AS settable",
    );
    if (dumpReader && settable) {
      await client.query('CALL platform_bootstrap.set_dump_reader_password($1)', [scramVerifier(dumpReader.password)]);
    } else dumpReader = undefined;
    ({
      rows: [{ report }],
    } = await client.query('SELECT platform_bootstrap.report() AS report'));
  } finally {
    await client.end();
  }
  // The session above was authenticated before the SQL ran; a fresh login is what the next deploy and the dump get.
  // A master user or dump reader that can no longer log in with its password fails the deploy here, not the night
  // after.
  await freshLogin(connection);
  if (dumpReader) await freshLogin({ ...connection, user: dumpReader.user, password: dumpReader.password });
  return { digest, report };
}

async function freshLogin(connection) {
  const fresh = connect(connection);
  try {
    await fresh.connect();
    await fresh.query('SELECT 1');
  } catch (e) {
    throw new Error(`after the bootstrap, ${connection.user} can no longer log in with its password: ${e.message}`);
  } finally {
    await fresh.end().catch(() => undefined);
  }
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, as libpq's PQencryptPasswordConn makes
 * it): the server accepts it as the password and never sees the password itself. Secrets Manager's generated
 * passwords are ASCII, which SASLprep leaves as they are; anything else is refused rather than normalised wrongly.
 */
function scramVerifier(password, salt = crypto.randomBytes(16), iterations = 4096) {
  if (!/^[\x21-\x7e]+$/.test(password)) {
    throw new Error("the dump reader's password is not printable ASCII; generate it with Secrets Manager's defaults");
  }
  const salted = crypto.pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
  const storedKey = crypto.createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  const b64 = (b) => b.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

function connect(connection) {
  return new Client({
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    // rejectUnauthorized plus the default checkServerIdentity: chain and host name are verified (verify-full).
    ssl: { ca: connection.ca, rejectUnauthorized: true },
    connectionTimeoutMillis: 20000,
    statement_timeout: 120000,
  });
}

module.exports = { bootstrapSql, runBootstrap, scramVerifier, DUMP_READER_ROLE };
