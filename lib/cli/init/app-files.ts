import * as path from 'path';
import { CONFIG_FILE, configTemplate, DUMP_KEY_FILE, dumpKeyTemplate } from './config-template';
import { TESTED_FEATURE_FLAGS } from './feature-flags';
import { TESTED_DEPENDENCIES, TESTED_DEV_DEPENDENCIES } from './tested-versions';

export const LIBRARY = '@pocketcity/secure-platform';

/** What goes into the app: its folder's name (the package name) and environment, the library's own version. */
export interface AppFilesOptions {
  readonly dir: string;
  readonly environment: string;
  readonly libraryVersion: string;
}

/** Every file `init` writes, by path relative to the app folder, in the order they are listed. */
export function appFiles(options: AppFilesOptions): Record<string, string> {
  return {
    'cdk.json': json({ app: 'npx ts-node --prefer-ts-exts bin/app.ts', context: TESTED_FEATURE_FLAGS }),
    'tsconfig.json': json(TSCONFIG),
    'package.json': json(packageJson(options)),
    'bin/app.ts': APP_TS,
    [CONFIG_FILE]: configTemplate(options.environment),
    [DUMP_KEY_FILE]: dumpKeyTemplate(),
  };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * CommonJS, as ts-node needs on Node 22 and 24 (without a tsconfig it runs nothing there); ts-node only transpiles
 * (fast synth), `npm test` type-checks with tsc.
 */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'commonjs',
    lib: ['es2022'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['bin/**/*.ts', 'lib/**/*.ts'],
  'ts-node': { transpileOnly: true },
};

function packageJson({ dir, libraryVersion }: AppFilesOptions) {
  return {
    name: packageName(dir),
    version: '0.1.0',
    private: true,
    scripts: {
      synth: "cdk synth '**'",
      evidence: 'secure-platform evidence --strict',
      test: "tsc --noEmit && cdk synth '**' --quiet && secure-platform evidence --strict",
    },
    dependencies: { [LIBRARY]: libraryVersion, ...TESTED_DEPENDENCIES },
    devDependencies: { ...TESTED_DEV_DEPENDENCIES },
  };
}

/** The folder's name as an npm package name (lower case, no spaces), or a neutral one. */
function packageName(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name || 'platform-app';
}

const APP_TS = `#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import {
  loadPlatformConfigFile,
  PlatformConfigError,
  PlatformConstructError,
  PlatformStage,
  referencePlatformConfig,
} from '${LIBRARY}';

/**
 * One PlatformStage built from ${CONFIG_FILE}, merged over the library's reference config (objects key by key,
 * lists whole). Synth refuses any placeholder left in the file or taken from the reference (example domains and
 * addresses, the reference certificate, the throwaway dump key), naming each with what to put there.
 */
const root = path.join(__dirname, '..');
const now = new Date();

async function main(): Promise<void> {
  const gpgPublicKey = fs.readFileSync(path.join(root, '${DUMP_KEY_FILE}'), 'utf8');
  const base = referencePlatformConfig({ dump: { gpgPublicKey } }, now);
  // Reads the dump key with openpgp and checks every setting; a bad config throws here, before any stack.
  const config = await loadPlatformConfigFile(path.join(root, '${CONFIG_FILE}'), base, now);
  // Your own workloads and stores go in a stack of this stage (new Stack(stage, 'Workloads')): the synth gate and
  // the evidence then judge them with the platform (README: "Your own resources: inside the stage").
  new PlatformStage(new App(), config.environmentName, { config, now });
}

main().catch((e: unknown) => {
  if (!(e instanceof PlatformConfigError || e instanceof PlatformConstructError)) throw e;
  console.error(e.message); // every config problem, or the construct that refused: its code, path, setting and fix
  process.exit(1);
});
`;
