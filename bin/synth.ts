#!/usr/bin/env node
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * `npm run synth [-- -c configFile=my.json] [-o DIR] [other cdk synth options]`: synthesizes every stack of every
 * stage (`'**'`) with the given options passed to the CDK CLI, then writes the evidence from the same output
 * folder. (As `cdk synth '**' --quiet && npm run evidence`, npm would hand the options to the evidence step.)
 */
const args = process.argv.slice(2);
const root = path.resolve(__dirname, '..');
const outIndex = args.findIndex((a) => a === '-o' || a === '--output');
const outdir = outIndex >= 0 ? args[outIndex + 1] : 'cdk.out';

// The CDK CLI pipes the app's stderr: the app shows its progress lines only if told this terminal wants them.
const env = { ...process.env };
if (env.SECURE_PLATFORM_PROGRESS === undefined && process.stderr.isTTY) env.SECURE_PLATFORM_PROGRESS = '1';

const step = (command: string, commandArgs: readonly string[]): void => {
  const run = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  if (run.status !== 0) process.exit(run.status ?? 1);
};

// A synth that fails leaves nothing behind for the evidence to certify: the output starts empty.
fs.rmSync(path.resolve(root, outdir), { recursive: true, force: true });
step(path.join(root, 'node_modules/.bin/cdk'), ['synth', '**', '--quiet', ...args]);
step(process.execPath, ['-r', 'ts-node/register', path.join(root, 'bin/evidence.ts'), '--out', outdir]);
