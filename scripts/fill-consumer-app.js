#!/usr/bin/env node
/*
 * Turns the app `secure-platform init` wrote into a team's app, as a newcomer would after the README: fills
 * platform.config.json with the team's own (test) values, writes a freshly generated dump public key into
 * dump-key.asc, copies the security response page and the breach runbook into security/ as the team's own documents
 * (for `secure-platform evidence --docs security`), and adds the team's own resources: lib/workloads.ts (a
 * SecureQueue and a ReplicatedBucket in stacks of the stage), called from bin/app.ts.
 * One copy of these steps for test/package/consumer.test.ts and scripts/cdk-range.sh.
 * Usage: node scripts/fill-consumer-app.js APP_DIR
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { generateKey } = require('openpgp');

const REPO_ROOT = path.join(__dirname, '..');
const ACCOUNT = '111122223333';
const DOMAIN = 'acme-widgets.dev';

/** The team's values: its own account, domain, certificate and addresses (none of the reference's placeholders). */
const TEAM_CONFIG = {
  account: ACCOUNT,
  primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  recoveryRegion: { region: 'eu-central-1', availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
  domainName: `app.${DOMAIN}`,
  certificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
  alertEmails: [`security-alerts@${DOMAIN}`],
  securityContact: { contacts: [`mailto:security@${DOMAIN}`], policyUrl: `https://${DOMAIN}/security` },
};

/** The documents MONITOR-3 and RESPONSE-1 cite, adopted as the team's own. */
const DOCUMENTS = ['security-response.md', 'runbooks/breach-notification.md'];

const WORKLOADS_TS = `import { Stack } from 'aws-cdk-lib';
import { PlatformStage, ReplicatedBucket, SecureQueue } from '@pocketcity/secure-platform';

/**
 * The team's own resources, in stacks of the stage: the synth gate and the evidence judge them with the platform.
 * The bucket's replica stands in the recovery region, in a stack of its own that deploys first.
 */
export function addWorkloads(stage: PlatformStage): void {
  const account = stage.account;
  const workloads = new Stack(stage, 'Workloads', { env: { account, region: stage.region } });
  const recovery = new Stack(stage, 'WorkloadsRecovery', {
    env: { account, region: stage.config.recoveryRegion.region },
  });
  new SecureQueue(workloads, 'Orders');
  new ReplicatedBucket(workloads, 'Reports', { replicaScope: recovery, alarmTopic: stage.monitoring.alerts.topic });
}
`;

const STAGE_LINE = '  new PlatformStage(new App(), config.environmentName, { config, now });\n';
const LIBRARY_IMPORT = "} from '@pocketcity/secure-platform';\n";

/** Replaces `from` in `text` exactly once, or says what init no longer writes. */
function replaceOnce(text, from, to, file) {
  if (text.split(from).length !== 2) throw new Error(`${file} no longer has ${JSON.stringify(from)} once`);
  return text.replace(from, to);
}

async function fillConsumerApp(dir) {
  const configFile = path.join(dir, 'platform.config.json');
  const written = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  fs.writeFileSync(configFile, `${JSON.stringify({ ...written, ...TEAM_CONFIG }, null, 2)}\n`);

  const { publicKey } = await generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'acme widgets dumps', email: `dumps@${DOMAIN}` }],
    // A minute in the past, so that a synth in the same second finds the key already valid.
    date: new Date(Date.now() - 60_000),
    format: 'armored',
  });
  fs.writeFileSync(path.join(dir, 'dump-key.asc'), publicKey);

  for (const doc of DOCUMENTS) {
    const to = path.join(dir, 'security', doc);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'docs', doc), to);
  }

  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'lib/workloads.ts'), WORKLOADS_TS);
  const appFile = path.join(dir, 'bin/app.ts');
  let app = fs.readFileSync(appFile, 'utf8');
  app = replaceOnce(
    app,
    LIBRARY_IMPORT,
    `${LIBRARY_IMPORT}import { addWorkloads } from '../lib/workloads';\n`,
    appFile,
  );
  app = replaceOnce(
    app,
    STAGE_LINE,
    '  const stage = new PlatformStage(new App(), config.environmentName, { config, now });\n  addWorkloads(stage);\n',
    appFile,
  );
  fs.writeFileSync(appFile, app);
}

module.exports = { fillConsumerApp, TEAM_CONFIG, DOCUMENTS, WORKLOADS_TS };

if (require.main === module) {
  const [dir] = process.argv.slice(2);
  if (!dir || !fs.existsSync(path.join(dir, 'platform.config.json'))) {
    console.error('Usage: node scripts/fill-consumer-app.js APP_DIR (a folder secure-platform init wrote)');
    process.exit(2);
  }
  fillConsumerApp(dir).then(
    () => console.log(`Filled ${dir}: platform.config.json, dump-key.asc, security/, lib/workloads.ts, bin/app.ts`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
