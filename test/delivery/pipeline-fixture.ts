import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { generateKey } from 'openpgp';
import { checkPlatformConfig } from '../../lib/config/load-config';
import type { PipelineConfig } from '../../lib/config/pipeline-config';
import type { PlatformConfig } from '../../lib/config/platform-config';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { DeliveryPipelineStack, DeliveryPipelineStackProps } from '../../lib/stacks/delivery-pipeline-stack';
import { PlatformStage } from '../../lib/stacks/platform-stage';
import { cdkJsonApp } from '../support/cdk-json-app';
import { TEST_NOW } from '../support/reference-constants';

/** The staging account: not the reference's, so its config carries none of the reference's placeholders. */
export const STAGING_ACCOUNT = '444455556666';
/** The production environment is the reference config, in the reference account, where the pipeline also runs. */
export const PIPELINE_ACCOUNT = '123456789012';

export const PIPELINE_CONFIG: PipelineConfig = {
  connectionArn: `arn:aws:codeconnections:eu-west-1:${PIPELINE_ACCOUNT}:connection/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
  repository: 'acme-widgets/platform',
  branch: 'main',
  pipelineAccount: PIPELINE_ACCOUNT,
  pipelineRegion: 'eu-west-1',
  waves: [
    { name: 'staging', stages: ['staging.json'] },
    { name: 'production', approval: true, stages: ['prod'] },
  ],
};

/** A staging config of a team's own (own account, domain, certificate, contacts and dump key). */
export async function stagingConfig(): Promise<PlatformConfig> {
  const reference = referencePlatformConfig({}, TEST_NOW);
  const { publicKey } = await generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'acme dumps', email: 'dumps@acme-widgets.dev' }],
    date: new Date(TEST_NOW.getTime() - 60_000),
    format: 'armored',
  });
  return {
    ...reference,
    environmentName: 'staging',
    account: STAGING_ACCOUNT,
    domainName: 'staging.acme-widgets.dev',
    certificateArn: `arn:aws:acm:eu-west-1:${STAGING_ACCOUNT}:certificate/6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
    alertEmails: ['security-alerts@acme-widgets.dev'],
    securityContact: {
      ...reference.securityContact,
      contacts: ['mailto:security@acme-widgets.dev'],
      policyUrl: 'https://acme-widgets.dev/security',
    },
    dump: { gpgPublicKey: publicKey },
  };
}

export interface PipelineApp {
  readonly app: App;
  readonly staging: PlatformStage;
  readonly production: PlatformStage;
  readonly stack: DeliveryPipelineStack;
}

/** The pipeline app of bin/pipeline.ts, built from the fixture's configs: two waves in two accounts. */
export async function pipelineApp(
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-')),
  overrides: Partial<DeliveryPipelineStackProps> = {},
): Promise<PipelineApp> {
  const app = cdkJsonApp({ outdir });
  const stagingPlatform = await stagingConfig();
  await checkPlatformConfig(stagingPlatform, TEST_NOW);
  const productionPlatform = referencePlatformConfig({ environmentName: 'prod' }, TEST_NOW);
  await checkPlatformConfig(productionPlatform, TEST_NOW);
  const staging = new PlatformStage(app, 'staging', { config: stagingPlatform, now: TEST_NOW });
  const production = new PlatformStage(app, 'prod', { config: productionPlatform, now: TEST_NOW });
  const stack = new DeliveryPipelineStack(app, 'Delivery', {
    pipeline: PIPELINE_CONFIG,
    waves: [
      { name: 'staging', stages: [staging] },
      { name: 'production', approval: true, stages: [production] },
    ],
    ...overrides,
  });
  return { app, staging, production, stack };
}
