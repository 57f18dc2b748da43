import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NagRuleCompliance } from 'cdk-nag';
import { LambdaLatestVersion } from 'cdk-nag/lib/rules/lambda';
import { DATABASE_BOOTSTRAP_DIR, DatabaseBootstrap } from '../../lib/data/database-bootstrap';
import { MultiAzDatabase } from '../../lib/data/multi-az-database';
import { latestNodeRuntime, nodeMajorOf } from '../../lib/data/private/latest-node-runtime';

const REPO_ROOT = path.join(__dirname, '../..');
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
/**
 * Runs `body` with a Node.js runtime newer than any aws-cdk-lib lists, as the next aws-cdk-lib release adds one
 * (a Runtime registers itself in Runtime.ALL when constructed), and takes it out again.
 */
function withNextRuntime<T>(body: (next: lambda.Runtime) => T): T {
  const next = new lambda.Runtime('nodejs98.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
  try {
    return body(next);
  } finally {
    const all = lambda.Runtime.ALL;
    all.splice(all.indexOf(next), 1);
  }
}

/** A stack with the bootstrap beside a cluster; its function as CloudFormation sees it. */
function bootstrapFunction(): lambda.CfnFunction {
  const stack = new Stack(new App(), 'Data', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ZONES,
    subnetConfiguration: [
      { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
  const key = new kms.Key(stack, 'Key');
  const db = new MultiAzDatabase(stack, 'Database', {
    vpc,
    availabilityZones: ZONES,
    encryptionKey: key,
    logEncryptionKey: key,
    clusterIdentifier: 'test-db',
  });
  const bootstrap = new DatabaseBootstrap(stack, 'Bootstrap', {
    vpc,
    database: {
      cluster: db.cluster,
      securityGroup: db.securityGroup,
      port: db.port,
      databaseName: 'app',
      masterSecret: db.credentialsSecret,
      masterSecretKey: key,
    },
    logEncryptionKey: key,
  });
  Template.fromStack(stack); // synthesized, so the rule reads what CloudFormation gets
  return bootstrap.function.node.defaultChild as lambda.CfnFunction;
}

describe('the database bootstrap function takes the newest Node.js runtime of the installed aws-cdk-lib', () => {
  test('picks the highest nodejsNN.x of Runtime.ALL, never the variable NODEJS_LATEST or another family', () => {
    const { NODEJS_20_X, NODEJS_22_X, NODEJS_LATEST, PYTHON_3_13 } = lambda.Runtime;
    withNextRuntime((next) => {
      expect(latestNodeRuntime([NODEJS_22_X, next, NODEJS_20_X, NODEJS_LATEST, PYTHON_3_13])).toBe(next);
      expect(nodeMajorOf(next)).toBe(98);
    });
    expect(latestNodeRuntime([NODEJS_20_X, NODEJS_LATEST, NODEJS_22_X]).name).toBe('nodejs22.x');
  });

  test('passes AwsSolutions-L1 when an aws-cdk-lib release adds a newer Node.js runtime', () => {
    withNextRuntime(() => {
      const fn = bootstrapFunction();
      expect(Stack.of(fn).resolve(fn.runtime)).toBe('nodejs98.x');
      expect(LambdaLatestVersion(fn)).toBe(NagRuleCompliance.COMPLIANT);
    });
  });

  test('with the installed aws-cdk-lib, takes what AwsSolutions-L1 calls latest', () => {
    const fn = bootstrapFunction();
    expect(Stack.of(fn).resolve(fn.runtime)).toBe(latestNodeRuntime().name);
    expect(LambdaLatestVersion(fn)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('fails when aws-cdk-lib lists no Node.js runtime, naming the fix', () => {
    expect(() => latestNodeRuntime([lambda.Runtime.PYTHON_3_13])).toThrow(
      /lists no Node\.js Lambda runtime.*Fix: install an aws-cdk-lib the library supports/,
    );
  });
});

/**
 * The function's code is plain CommonJS with pg: it must load and answer on the Node major of the runtime the
 * construct takes. CI fetches that Node (scripts/ensure-node.sh lambda) and sets LAMBDA_NODE_REQUIRED=1, so a
 * missing binary fails there; a local run without it says how to get it and skips.
 */
const major = nodeMajorOf(latestNodeRuntime());
const nodeBinary =
  Number(process.versions.node.split('.')[0]) === major
    ? process.execPath
    : path.join(REPO_ROOT, `.node${major}`, 'package', 'bin', 'node');
const haveNode = fs.existsSync(nodeBinary);
if (!haveNode && process.env.LAMBDA_NODE_REQUIRED !== '1') {
  console.warn(`no Node ${major} for the bootstrap smoke test; get it with: bash scripts/ensure-node.sh ${major}`);
}
const describeOnRuntimeNode = haveNode || process.env.LAMBDA_NODE_REQUIRED === '1' ? describe : describe.skip;

describeOnRuntimeNode(`the database bootstrap function's code on Node ${major}, its Lambda runtime's`, () => {
  test('loads with its own node_modules and answers a CloudFormation Delete', () => {
    expect(`${nodeBinary} exists: ${haveNode}`).toBe(`${nodeBinary} exists: true`);
    const run = spawnSync(nodeBinary, [path.join(REPO_ROOT, 'scripts/bootstrap-smoke.js'), DATABASE_BOOTSTRAP_DIR], {
      encoding: 'utf8',
      // The AWS SDK is the Lambda runtime's; here it is the repository's.
      env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    });
    expect(`${run.status}\n${run.stdout}${run.stderr}`).toMatch(
      new RegExp(`^0\\ndatabase bootstrap function loads and answers on Node v${major}\\.`),
    );
  });
});
