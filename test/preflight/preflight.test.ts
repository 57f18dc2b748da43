import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { renderPreflight, runPreflight } from '../../bin/preflight';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-assembly';

/**
 * The preflight against moto's server (pinned in requirements-ci.txt, installed into .venv by .ci/run) on loopback,
 * with fake credentials set only for this file: nothing reaches AWS. Without the emulator the file is skipped locally
 * and fails where PREFLIGHT_EMULATOR_REQUIRED=1 (CI).
 */
const MOTO = path.join(__dirname, '../../.venv/bin/moto_server');
const available = fs.existsSync(MOTO);
if (!available && process.env.PREFLIGHT_EMULATOR_REQUIRED === '1') {
  throw new Error(`moto_server not found at ${MOTO}; .ci/run installs it from requirements-ci.txt`);
}
const describeWithEmulator = available ? describe : describe.skip;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitFor(endpoint: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`moto did not answer at ${endpoint}`);
}

describeWithEmulator('preflight (read-only) against a local AWS API emulator', () => {
  let moto: ChildProcess;
  let endpoint: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    // Fake credentials, for this file only: the emulator accepts any.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_SESSION_TOKEN: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    delete process.env.AWS_PROFILE;
    await waitFor(endpoint);
  });

  afterAll(async () => {
    await new Promise((resolve) => {
      moto.once('exit', resolve);
      moto.kill();
    });
    for (const key of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_EC2_METADATA_DISABLED',
    ]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  test('an empty account: no singleton, no collision, every mode create, nothing blocks', async () => {
    const report = await runPreflight({ outdir: REFERENCE_ASSEMBLY_DIR, endpoint });
    expect(report.findings.filter((f) => f.kind !== 'unknown')).toEqual([]);
    expect(report.suggestedThreatDetection).toEqual({
      guardDuty: 'create',
      securityHub: 'create',
      accessAnalyzer: 'create',
      config: 'create',
    });
    expect(report.blocking).toBe(false);
  });

  test('an account with a detector and a retained bucket: reports both, suggests existing, blocks', async () => {
    // GIVEN GuardDuty already on in the primary region and the upload bucket left over from an earlier try
    const guardDuty = new GuardDutyClient({ region: 'eu-west-1', endpoint });
    const s3 = new S3Client({ region: 'eu-west-1', endpoint, forcePathStyle: true });
    await guardDuty.send(new CreateDetectorCommand({ Enable: true }));
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'ref-uploads-123456789012-eu-west-1',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    guardDuty.destroy();
    s3.destroy();
    // WHEN
    const report = await runPreflight({ outdir: REFERENCE_ASSEMBLY_DIR, endpoint });
    // THEN
    expect(report.findings.filter((f) => f.kind !== 'unknown')).toEqual([
      {
        region: 'eu-west-1',
        kind: 'singleton',
        subject: 'guardDuty',
        detail: expect.stringMatching(/^GuardDuty detector .* exists$/),
      },
      {
        region: 'eu-west-1',
        kind: 'collision',
        subject: 'bucket ref-uploads-123456789012-eu-west-1',
        detail: expect.stringMatching(/^exists in this account/),
      },
    ]);
    expect(report.suggestedThreatDetection.guardDuty).toBe('existing');
    expect(report.blocking).toBe(true);
    expect(renderPreflight(report)).toMatch(/"guardDuty": "existing"/);
  });
});
