import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgeFinding } from '../../lib/core/acknowledge';
import { PLATFORM_METADATA_KEY, PlatformMetadata } from '../../lib/core/platform-metadata';
import { Check, fail, modelResourceCheck, pass } from '../../lib/compliance/checks/check';
import type { BucketProps } from '../../lib/compliance/template/cfn/s3';
import { claimById } from '../../lib/core/claims/register';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { renderEvidenceMarkdown } from '../../lib/compliance/evidence/render-markdown';
import { writeEvidence } from '../../lib/compliance/evidence/write-evidence';
import { ClaimsPlugin } from '../../lib/compliance/gate/claims-plugin';

/** Small fixture checks, so the evidence generator is tested apart from the platform. */
const versionedRule = modelResourceCheck<BucketProps>({
  id: 'DATA4-FixtureVersioned',
  claims: ['DATA-4'],
  failure: 'The bucket is not versioned.',
  description: 'Fixture: versioning keeps overwritten uploads.',
  evidenceProperties: ['VersioningConfiguration.Status'],
  types: ['AWS::S3::Bucket'],
  judge: (bucket) => bucket.props.VersioningConfiguration?.Status === 'Enabled',
});
const encryptedRule = modelResourceCheck<BucketProps>({
  id: 'REST2-FixtureEncrypted',
  claims: ['REST-2'],
  failure: 'The bucket is not encrypted.',
  description: 'Fixture: encryption at rest.',
  types: ['AWS::S3::Bucket'],
  judge: (bucket) => bucket.props.BucketEncryption !== undefined,
});
const twoRegions: Check = {
  id: 'DATA3-FixtureTwoRegions',
  claims: ['DATA-3'],
  description: 'Fixture: the stacks span two regions',
  run: (a) => {
    const regions = new Set(a.stacks.map((s) => s.region));
    return [regions.size >= 2 ? pass(`regions ${[...regions].join(', ')}`) : fail(`only ${[...regions].join(', ')}`)];
  },
};
const fixtureClaims = ['DATA-3', 'DATA-4', 'REST-2', 'TRANSIT-1', 'ORG-1'].map((id) => claimById(id as never));
const options = { checks: [versionedRule, encryptedRule, twoRegions], claims: fixtureClaims };

/** A stack that says, as PlatformStage's stacks do, which environment it belongs to. */
function platformStack(stage: Stage, id: string, region: string): Stack {
  const stack = new Stack(stage, id, { env: { account: '123456789012', region } });
  const metadata: PlatformMetadata = {
    environment: 'fixture',
    primaryRegion: 'eu-west-1',
    recoveryRegion: 'eu-central-1',
    optOuts: {},
  };
  stack.templateOptions.metadata = { [PLATFORM_METADATA_KEY]: metadata };
  return stack;
}

function synthFixture(kind: 'good' | 'bad'): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `evidence-${kind}-`));
  const app = new App({ outdir });
  const stage = new Stage(app, 'fixture');
  const primary = platformStack(stage, 'Primary', 'eu-west-1');
  new s3.Bucket(primary, 'Versioned', { versioned: true, encryption: s3.BucketEncryption.S3_MANAGED });
  const legacy = new s3.Bucket(primary, 'Legacy', { encryption: s3.BucketEncryption.S3_MANAGED });
  const secondRegion = kind === 'good' ? 'eu-central-1' : 'eu-west-1';
  new s3.Bucket(platformStack(stage, 'Secondary', secondRegion), 'Replica', {
    versioned: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
  });
  if (kind === 'good') {
    acknowledgeFinding(legacy, {
      rule: 'Claims-DATA4-FixtureVersioned',
      claim: 'DATA-4',
      reason: 'Fixture: the legacy bucket is read-only and emptied; versioning would keep nothing.',
    });
    Validations.of(stage).addPlugins(new ClaimsPlugin(options.checks));
  }
  app.synth();
  return outdir;
}

describe('evidence report on a fixture assembly', () => {
  let good: ReturnType<typeof collectEvidence>;
  let bad: ReturnType<typeof collectEvidence>;
  let goodDir: string;
  let badDir: string;
  beforeAll(() => {
    goodDir = synthFixture('good');
    badDir = synthFixture('bad');
    good = collectEvidence({ outdir: goodDir, ...options });
    bad = collectEvidence({ outdir: badDir, ...options });
  });
  const claim = (r: typeof good, id: string) => r.environments[0].claims.find((c) => c.id === id)!;

  test('calls a claim weakened, not proven, when one of its own findings is acknowledged, counting both', () => {
    const data4 = claim(good, 'DATA-4');
    expect(data4.status).toBe('weakened');
    expect(data4.statusReason).toContain('Claims-DATA4-FixtureVersioned acknowledged on 1 resource(s)');
    expect(data4.checks).toEqual([
      expect.objectContaining({ id: 'Claims-DATA4-FixtureVersioned', passed: 2, failed: 0, acknowledged: 1 }),
    ]);
    expect(data4.resources.map((r) => r.logicalId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Versioned/)]),
    );
    expect(data4.resources[0].properties).toEqual({ 'VersioningConfiguration.Status': 'Enabled' });
  });

  test('lists each acknowledgment with its claim, rule and reason', () => {
    expect(good.acknowledgments).toEqual([
      expect.objectContaining({
        pack: 'Claims',
        rule: 'Claims-DATA4-FixtureVersioned',
        claim: 'DATA-4',
        reason: 'Fixture: the legacy bucket is read-only and emptied; versioning would keep nothing.',
        resources: ['fixture/Primary/Legacy/Resource'],
      }),
    ]);
    expect(claim(good, 'DATA-4').acknowledgments).toHaveLength(1);
  });

  test('says "exceeds claim" where the platform does more than the page', () => {
    expect(claim(good, 'REST-2').status).toBe('exceeds claim');
  });

  test('proves an app-wide claim from the assembly check', () => {
    expect(claim(good, 'DATA-3')).toMatchObject({ status: 'proven', checks: [expect.objectContaining({ passed: 1 })] });
  });

  test('says "not implemented", never "proven", for a claim without checks', () => {
    expect(claim(good, 'TRANSIT-1')).toMatchObject({ status: 'not implemented' });
  });

  test('lists organisational claims as such', () => {
    expect(claim(good, 'ORG-1').status).toBe('organisational');
  });

  test('fails a claim when a rule fails on an unacknowledged resource, naming it', () => {
    const data4 = claim(bad, 'DATA-4');
    expect(data4.status).toBe('FAILING');
    expect(data4.checks[0].failures).toEqual([
      expect.stringMatching(/^fixture-Primary\/Legacy\w+ \(AWS::S3::Bucket\): The bucket is not versioned\.$/),
    ]);
  });

  test('fails an app-wide claim when its check fails', () => {
    expect(claim(bad, 'DATA-3')).toMatchObject({
      status: 'FAILING',
      checks: [expect.objectContaining({ failures: ['only eu-west-1'] })],
    });
  });

  test('renders claim -> resources -> checks -> verdict for auditors', () => {
    const md = renderEvidenceMarkdown(good);
    expect(md).toContain(
      '### DATA-4: Uploads on servers without bottlenecks or single points of failure (**weakened**)',
    );
    expect(md).toContain(
      '| 1 | DATA4-FixtureVersioned | 2 pass, 1 acknowledged | Fixture: versioning keeps overwritten uploads. |',
    );
    expect(md).toContain(
      '- `DATA4-FixtureVersioned` on 1 resource: Fixture: the legacy bucket is read-only and emptied; versioning would keep nothing.',
    );
    expect(md).toContain('| DATA-4 | DATA4-FixtureVersioned (Claims) | fixture/Primary/Legacy |');
    // The claims table counts the acknowledgment its section lists.
    expect(md).toMatch(
      /\| \[DATA-4\]\(#fixture-data-4\) .* \| 1 \| 2 \/ 0 \/ 1 \| 0 \| \d+ of \d+ \| \d+ of \d+ \| 1 \(1\) \| 0 \|/,
    );
    expect(md).toContain('*not implemented*');
  });

  test('exits non-zero on a failing check, and in strict mode on a claim not implemented', () => {
    expect(writeEvidence({ outdir: badDir, ...options }).exitCode).toBe(1);
    expect(writeEvidence({ outdir: goodDir, ...options }).exitCode).toBe(0);
    const strict = writeEvidence({ outdir: goodDir, ...options, strict: true });
    expect(strict.exitCode).toBe(1);
    expect(strict.problems).toEqual([
      expect.stringMatching(
        /^fixture DATA-4 weakened: .*Claims-DATA4-FixtureVersioned acknowledged on 1 resource\(s\) \(strict\)$/,
      ),
      'fixture TRANSIT-1 not implemented (strict)',
      // The fixture's gate runs without stock packs: fine for a draft, not for a certified assembly.
      expect.stringMatching(/^environment fixture: judged with stock packs off: AwsSolutions, .* \(strict\)$/),
    ]);
    expect(fs.existsSync(path.join(goodDir, 'evidence', 'security-evidence.md'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(strict.jsonPath, 'utf8')).summary.notImplemented).toBe(1);
  });
});
