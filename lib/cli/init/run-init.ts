import * as fs from 'fs';
import * as path from 'path';
import { packageVersion } from '../package-version';
import { appFiles } from './app-files';
import { CONFIG_FILE, DUMP_KEY_FILE } from './config-template';
import type { InitArgs } from './init-args';

/** `init` found files it would overwrite: names them, and the option that overwrites. */
export class InitRefusedError extends Error {
  constructor(
    readonly dir: string,
    readonly existing: readonly string[],
  ) {
    super(
      `init writes nothing: ${dir} already has ${existing.join(', ')}. Move them away, choose another folder with --dir DIR, or overwrite them with --force`,
    );
    this.name = 'InitRefusedError';
  }
}

export interface InitResult {
  /** The files written, relative to the app folder. */
  readonly written: readonly string[];
  /** What to do next, one step a line. */
  readonly nextSteps: string;
}

/**
 * Writes the app into `args.dir` (created when missing). Refuses, writing nothing, when any of its files exists,
 * unless `force`.
 */
export function initApp(args: InitArgs, libraryVersion: string = packageVersion()): InitResult {
  const files = appFiles({ dir: args.dir, environment: args.environment, libraryVersion });
  const existing = Object.keys(files).filter((f) => fs.existsSync(path.join(args.dir, f)));
  if (existing.length > 0 && !args.force) throw new InitRefusedError(args.dir, existing);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(args.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(args.dir, file), text);
  }
  const cd = path.resolve(args.dir) === process.cwd() ? [] : [`cd ${args.dir}`];
  return {
    written: Object.keys(files),
    nextSteps: [
      `1. Fill in ${CONFIG_FILE} (every "FILL IN:" value) and put your dump recipient's public key into ${DUMP_KEY_FILE}`,
      `   (gpg --armor --export KEY-ID > ${DUMP_KEY_FILE}); synth names each placeholder left.`,
      `2. ${[...cd, 'npm install'].join(' && ')}`,
      "3. npx cdk synth '**'                     (offline; fails on any config problem or unacknowledged finding)",
      '4. npx secure-platform evidence --strict  (or npm test: type-check, synth and evidence)',
    ].join('\n'),
  };
}

/** The command: writes the app and prints what it wrote and the next steps. */
export function runInitCommand(args: InitArgs, out: (text: string) => void = console.log): Promise<number> {
  const result = initApp(args);
  out(
    `Wrote ${result.written.join(', ')} into ${args.dir}${args.force ? ' (overwriting)' : ''}.\n\nNext:\n${result.nextSteps}`,
  );
  return Promise.resolve(0);
}
