import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort } from '../../scripts/rehearsal/free-port';

/**
 * moto's server (pinned in requirements-ci.txt, installed into .venv by .ci/run) on loopback, with fake credentials
 * set only while it runs: nothing reaches AWS. Without the emulator the preflight files are skipped locally and fail
 * where PREFLIGHT_EMULATOR_REQUIRED=1 (CI).
 */
const VENV = path.join(__dirname, '../../.venv/bin');
const MOTO = path.join(VENV, 'moto_server');
const available = fs.existsSync(MOTO);
if (!available && process.env.PREFLIGHT_EMULATOR_REQUIRED === '1') {
  throw new Error(`moto_server not found at ${MOTO}; .ci/run installs it from requirements-ci.txt`);
}
export const describeWithEmulator = available ? describe : describe.skip;

const FAKE_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_SESSION_TOKEN: 'testing',
  AWS_EC2_METADATA_DISABLED: 'true',
};

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

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Starts moto and sets the fake credentials (the default account, 123456789012); stop() restores the environment. */
export async function startMoto(): Promise<MotoServer> {
  const saved = { ...process.env };
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const moto: ChildProcess = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  Object.assign(process.env, FAKE_CREDENTIALS);
  delete process.env.AWS_PROFILE;
  await waitFor(endpoint);
  return {
    endpoint,
    stop: async () => {
      await new Promise((resolve) => {
        moto.once('exit', resolve);
        moto.kill();
      });
      for (const key of [...Object.keys(FAKE_CREDENTIALS), 'AWS_PROFILE']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    },
  };
}

export interface ScenarioAccount {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The administrator account the scenario set up, when it has one. */
  readonly administrator?: string;
}

/** Builds a scenario of test/preflight/moto-accounts.py in moto (through boto3) and returns its account. */
export function buildAccount(endpoint: string, scenario: string): ScenarioAccount {
  const out = execFileSync(path.join(VENV, 'python'), [path.join(__dirname, 'moto-accounts.py'), endpoint, scenario], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as ScenarioAccount;
}

/** Runs `action` with the credentials of `account` (moto maps the access key to it), then the fake default ones. */
export async function asAccount<T>(account: ScenarioAccount, action: () => Promise<T>): Promise<T> {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: account.accessKeyId,
    AWS_SECRET_ACCESS_KEY: account.secretAccessKey,
  });
  try {
    return await action();
  } finally {
    Object.assign(process.env, FAKE_CREDENTIALS);
  }
}
