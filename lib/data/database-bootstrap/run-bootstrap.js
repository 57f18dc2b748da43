'use strict';
// Runs the bootstrap SQL the custom resource carries and the people reconciliation over one verified-TLS
// connection, reads back what the database now holds, and logs in once more. Kept apart from the CloudFormation
// glue (index.js) so the rehearsal runs this very code.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const SQL_FILE = path.join(__dirname, 'bootstrap.sql');

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
 */
async function runBootstrap(connection, people, script) {
  const { sql } = script;
  const digest = crypto.createHash('sha256').update(sql).digest('hex');
  if (digest !== script.digest) {
    throw new Error(`the SQL given has digest ${digest}, not the declared ${script.digest}; refusing to run it`);
  }
  if (!Array.isArray(connection.ca) || connection.ca.length === 0) {
    throw new Error('no CA certificates: the bootstrap connects only over TLS verified against a CA bundle');
  }
  const client = connect(connection);
  await client.connect();
  let report;
  try {
    await client.query(sql);
    await client.query('CALL platform_bootstrap.reconcile_people($1::text[])', [people]);
    ({
      rows: [{ report }],
    } = await client.query('SELECT platform_bootstrap.report() AS report'));
  } finally {
    await client.end();
  }
  // The session above was authenticated before the SQL ran; a fresh login is what the dump and the next deploy
  // get. A master user that can no longer log in with its password fails the deploy here, not the night after.
  const fresh = connect(connection);
  try {
    await fresh.connect();
    await fresh.query('SELECT 1');
  } catch (e) {
    throw new Error(`after the bootstrap, ${connection.user} can no longer log in with its password: ${e.message}`);
  } finally {
    await fresh.end().catch(() => undefined);
  }
  return { digest, report };
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

module.exports = { bootstrapSql, runBootstrap };
