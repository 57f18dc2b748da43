#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import {
  checkPlatformConfig,
  PlatformConfig,
  PlatformConfigError,
  PlatformStage,
  referenceSecurityTxtExpiry,
} from '@pocketcity/secure-platform';

const now = new Date();
const config: PlatformConfig = {
  environmentName: 'prod',
  account: '111122223333',
  primaryRegion: { region: 'eu-west-1', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  recoveryRegion: { region: 'eu-central-1', availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
  domainName: 'app.example.com',
  certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-4333-8444-555555555555',
  alertEmails: ['security@example.com'],
  securityContact: {
    contacts: ['mailto:security@example.com'],
    // RFC 9116: at most a year ahead. This renews monthly; pin a date instead if you renew it by hand.
    expires: referenceSecurityTxtExpiry(now),
    policyUrl: 'https://example.com/security/response',
  },
  // The public key of whoever may read the daily database dumps (gpg --armor --export KEY-ID).
  dump: { gpgPublicKey: fs.readFileSync(path.join(__dirname, '..', 'dump-key.asc'), 'utf8') },
};

async function main(): Promise<void> {
  await checkPlatformConfig(config, now); // reads the dump key with openpgp; a bad config throws here
  new PlatformStage(new App(), 'prod', { config, now });
}

main().catch((e: unknown) => {
  if (!(e instanceof PlatformConfigError)) throw e;
  console.error(e.message); // every problem, with its setting, value and fix
  process.exit(1);
});
