'use strict';
// Runs bootstrap.sql and the people reconciliation over one verified-TLS connection, then reads back what the
// database now holds. Kept apart from the CloudFormation glue (index.js) so the rehearsal runs this very code.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const SQL_FILE = path.join(__dirname, 'bootstrap.sql');

/** The SQL this function ships, and its SHA-256 (the custom resource declares the same digest). */
function bootstrapSql() {
  const sql = fs.readFileSync(SQL_FILE, 'utf8');
  return { sql, digest: crypto.createHash('sha256').update(sql).digest('hex') };
}

/**
 * @param {object} connection host, port, database, user, password and `ca` (PEM strings the server's chain must
 *   end in). The host name is verified against the certificate (verify-full); there is no way to turn that off.
 * @param {string[]} people login roles for people; others in db_people lose LOGIN.
 * @param {string} expectedDigest the digest CloudFormation declared; a different SQL file is refused.
 */
async function runBootstrap(connection, people, expectedDigest) {
  const { sql, digest } = bootstrapSql();
  if (expectedDigest && expectedDigest !== digest) {
    throw new Error(`bootstrap.sql digest ${digest} differs from the declared ${expectedDigest}; refusing to run`);
  }
  if (!Array.isArray(connection.ca) || connection.ca.length === 0) {
    throw new Error('no CA certificates: the bootstrap connects only over TLS verified against a CA bundle');
  }
  const client = new Client({
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
  await client.connect();
  try {
    await client.query(sql);
    await client.query('CALL platform_bootstrap.reconcile_people($1::text[])', [people]);
    const { rows } = await client.query('SELECT platform_bootstrap.report() AS report');
    return { digest, report: rows[0].report };
  } finally {
    await client.end();
  }
}

module.exports = { bootstrapSql, runBootstrap };
