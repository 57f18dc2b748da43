import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// A user's mistake (no assembly yet, a mistyped command) gets one line saying what to do, never a stack trace.
const root = path.resolve(__dirname, '../..');

function runScript(script: string, args: readonly string[]): { status: number | null; stderr: string } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'no-assembly-'));
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, script), ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      TS_NODE_PROJECT: path.join(root, 'tsconfig.json'),
      NODE_PATH: path.join(root, 'node_modules'),
    },
  });
  return { status: run.status, stderr: run.stderr };
}

describe.each([
  [
    'npm run evidence with no assembly',
    'bin/evidence.ts',
    [],
    /^evidence: No cloud assembly at cdk\.out .* Run 'npx cdk synth' first\.$/,
  ],
  [
    'secure-platform evidence with no assembly',
    'lib/cli/secure-platform.ts',
    ['evidence'],
    /^secure-platform: No cloud assembly at cdk\.out/,
  ],
  ['a mistyped command', 'lib/cli/secure-platform.ts', ['evidense'], /^secure-platform: unknown command 'evidense'/],
])('%s', (_, script, args, message) => {
  test('prints what to do, no stack trace, and exits 1', () => {
    const { status, stderr } = runScript(script, args);
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
