import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { modelResourceCheck } from '../../../lib/compliance/checks/check';
import type { BucketProps } from '../../../lib/compliance/template/cfn/s3';
import { MANIFEST_FILE, EvidenceManifest } from '../../../lib/compliance/evidence/bundle/evidence-manifest';
import { verifyEvidenceBundle } from '../../../lib/compliance/evidence/bundle/verify-bundle';
import { writeEvidence } from '../../../lib/compliance/evidence/write-evidence';
import { main } from '../../../lib/cli/secure-platform';
import { claimById } from '../../../lib/core/claims/register';
import { PLATFORM_METADATA_KEY, PlatformMetadata } from '../../../lib/core/platform-metadata';

/** A one-bucket platform stage and one fixture check: the bundle is tested apart from the reference platform. */
const versioned = modelResourceCheck<BucketProps>({
  id: 'DATA4-FixtureVersioned',
  claims: ['DATA-4'],
  failure: 'The bucket is not versioned.',
  description: 'Fixture: versioning keeps overwritten uploads.',
  types: ['AWS::S3::Bucket'],
  judge: (bucket) => bucket.props.VersioningConfiguration?.Status === 'Enabled',
});

function synthFixture(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-assembly-'));
  const app = new App({ outdir });
  const stack = new Stack(new Stage(app, 'fixture'), 'Primary', { env: { region: 'eu-west-1' } });
  const metadata: PlatformMetadata = {
    environment: 'fixture',
    primaryRegion: 'eu-west-1',
    recoveryRegion: 'eu-central-1',
    optOuts: {},
  };
  stack.templateOptions.metadata = { [PLATFORM_METADATA_KEY]: metadata };
  new s3.Bucket(stack, 'Uploads', { versioned: true });
  app.synth();
  return outdir;
}

/** A copy of `dir` to break, so each case starts from the fresh bundle. */
function copyOf(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-copy-'));
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

describe('evidence bundle', () => {
  let assembly: string;
  let bundle: string;
  let files: number;
  beforeAll(() => {
    assembly = synthFixture();
    bundle = path.join(assembly, 'evidence');
    writeEvidence({
      outdir: assembly,
      checks: [versioned],
      claims: [claimById('DATA-4'), claimById('ORG-1')],
      verifyGate: false,
    });
  });

  test('the evidence writes the trust page into the bundle and a manifest of every file and template', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(bundle, MANIFEST_FILE), 'utf8')) as EvidenceManifest;
    // The OSCAL files, when the evidence writes them, are part of the bundle too.
    expect(Object.keys(manifest.files).filter((f) => !f.endsWith('.oscal.json'))).toEqual([
      'security-evidence.json',
      'security-evidence.md',
      'trust-page.html',
    ]);
    files = Object.keys(manifest.files).length;
    expect(Object.values(manifest.files).every((d) => /^[0-9a-f]{64}$/.test(d))).toBe(true);
    expect(manifest.templates).toEqual([
      expect.objectContaining({ environment: 'fixture', templateFile: expect.stringMatching(/\.template\.json$/) }),
    ]);
    expect(manifest.identity.generatedAt).toMatch(/^\d{4}-/);
  });

  test('a fresh bundle verifies, files and templates', () => {
    expect(verifyEvidenceBundle(bundle, assembly)).toEqual({ problems: [], filesChecked: files, templatesChecked: 1 });
  });

  test('fails when one byte of the report changed, naming the file', () => {
    const copy = copyOf(bundle);
    const report = path.join(copy, 'security-evidence.md');
    const bytes = fs.readFileSync(report);
    bytes[10] ^= 1;
    fs.writeFileSync(report, bytes);
    expect(verifyEvidenceBundle(copy).problems).toEqual([
      'changed: security-evidence.md does not match its SHA-256 in the manifest',
    ]);
  });

  test('fails when a file is missing, naming it', () => {
    const copy = copyOf(bundle);
    fs.rmSync(path.join(copy, 'trust-page.html'));
    expect(verifyEvidenceBundle(copy).problems).toEqual([
      `missing: trust-page.html is in the manifest but not in ${copy}`,
    ]);
  });

  test('fails when a file was added, naming it', () => {
    const copy = copyOf(bundle);
    fs.writeFileSync(path.join(copy, 'extra.oscal.json'), '{}');
    expect(verifyEvidenceBundle(copy).problems).toEqual(['extra: extra.oscal.json is not in the manifest']);
  });

  test('fails when a template changed after the bundle, naming it', () => {
    const changed = copyOf(assembly);
    const [template] = fs
      .readdirSync(path.join(changed, 'assembly-fixture'))
      .filter((f) => f.endsWith('.template.json'));
    const file = path.join(changed, 'assembly-fixture', template);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"Enabled"', '"Suspended"'));
    expect(verifyEvidenceBundle(path.join(changed, 'evidence'), changed).problems).toEqual([
      `template changed: ${template} (stack fixture-Primary) differs from the one the evidence certified`,
    ]);
  });

  test('secure-platform evidence verify exits 0 on the fresh bundle and 1 naming each mismatch', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(main(['evidence', 'verify', bundle, '--out', assembly])).resolves.toBe(0);
      expect(log).toHaveBeenLastCalledWith(
        `Bundle verifies: ${files} file(s), 1 template digest(s) against ${assembly}`,
      );
      const copy = copyOf(bundle);
      fs.appendFileSync(path.join(copy, 'security-evidence.json'), ' ');
      fs.rmSync(path.join(copy, 'trust-page.html'));
      await expect(main(['evidence', 'verify', copy, '--out', assembly])).resolves.toBe(1);
      expect(error.mock.calls.map(([line]) => String(line))).toEqual([
        'FAIL changed: security-evidence.json does not match its SHA-256 in the manifest',
        `FAIL missing: trust-page.html is in the manifest but not in ${copy}`,
      ]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  });

  test('secure-platform trust-page renders the page from the evidence JSON, with the report link it is told', async () => {
    const page = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trust-page-cli-')), 'index.html');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(
        main(['trust-page', '--out', assembly, '--page', page, '--report-href', '/evidence/report.md']),
      ).resolves.toBe(0);
    } finally {
      log.mockRestore();
    }
    const html = fs.readFileSync(page, 'utf8');
    expect(html).toContain('<a href="/evidence/report.md">');
    expect(html).toContain('id="claim-DATA-4"');
  });

  test('verify says what is wrong with a folder that is no bundle', () => {
    expect(() => verifyEvidenceBundle(assembly)).toThrow(`no ${MANIFEST_FILE} in ${assembly}: not an evidence bundle`);
  });
});
