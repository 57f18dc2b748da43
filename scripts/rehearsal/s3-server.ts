/**
 * A real S3 API server on loopback: moto's server from PyPI (pinned in requirements-ci.txt, installed into .venv by
 * .ci/run). Its request log is kept, so a test can see from the server's side what the client did (multipart).
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './build-image';
import { freePort } from './free-port';

export const VENV_BIN = path.join(REPO_ROOT, '.venv', 'bin');

export interface RunningS3 {
  readonly endpoint: string;
  /** The server's request log so far. */
  log(): string;
  /** Runs a Python snippet with boto3 against the server (`s3` is a client); returns its stdout. */
  python(code: string): string;
  stop(): void;
}

/** Starts moto's server on a free loopback port; its request log goes to `logFile` (read synchronously by log()). */
export async function startS3(logFile: string): Promise<RunningS3> {
  const moto = path.join(VENV_BIN, 'moto_server');
  if (!fs.existsSync(moto)) {
    throw new Error(
      `no ${moto}: install the CI tools first (python3 -m venv .venv && .venv/bin/pip install -r requirements-ci.txt, as .ci/run does)`,
    );
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const fd = fs.openSync(logFile, 'a');
  const server: ChildProcess = spawn(moto, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  fs.closeSync(fd);
  const log = () => fs.readFileSync(logFile, 'utf8');
  const python = (code: string) => {
    const r = spawnSync(
      path.join(VENV_BIN, 'python'),
      [
        '-c',
        `import boto3\ns3 = boto3.client('s3', endpoint_url='${endpoint}', region_name='eu-west-1', aws_access_key_id='testing', aws_secret_access_key='testing')\n${code}`,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`boto3 snippet failed: ${r.stderr}`);
    return r.stdout;
  };
  for (let i = 0; ; i++) {
    try {
      python('s3.list_buckets()');
      break;
    } catch (e) {
      if (i > 100 || server.exitCode !== null) throw new Error(`moto_server did not start: ${log()}\n${String(e)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { endpoint, log, python, stop: () => server.kill('SIGKILL') };
}
