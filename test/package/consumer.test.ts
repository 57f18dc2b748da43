import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { EXAMPLE_DIR, exampleFile, REPO_ROOT } from './consumer-example';

/**
 * SLOW, ON PURPOSE (about three to five minutes on two busy cores): the README's "Use it in your own CDK app", done as a
 * consumer does it. `npm pack` builds and packs the library; examples/consumer-app (the README's files) is copied
 * to a fresh folder and `npm install`s the tarball with the example's pinned dependencies (once per run, from the
 * npm cache `npm ci` filled where it can, else the registry); the app is type-checked by ts-node and synthesized
 * by `npx cdk synth '**'`, and `npx secure-platform evidence --strict` writes its evidence. Nothing of the
 * repository's node_modules is reachable from the app, so the library must load with its own dependencies and
 * the consumer's peers alone. The app is synthesized and judged twice over one install: with the README's cdk.json
 * (no feature flags) and with the flags `cdk init` writes; the library must build the same platform under both.
 * `SKIP_CONSUMER_TEST=1 npx jest` leaves it out of a quick local run; CI never sets it.
 */
const MINUTES = 60_000;
let work: string;
let app: string;
let synth: Run;
const timings: string[] = [];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  /** stdout and stderr. */
  readonly output: string;
}

/** The consumer's environment: offline CDK CLI, no settings of the `npm test` that runs this file. */
function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const npmOwn = /^npm_/i.test(k) && !/^npm_config_(cache|registry|userconfig)$/i.test(k);
    // jest.config.js turns CDK's template validation off for unit tests; a consumer's synth runs it.
    if (!npmOwn && k !== 'CDK_VALIDATION') env[k] = v;
  }
  return { ...env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: '1', AWS_EC2_METADATA_DISABLED: 'true' };
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, env: consumerEnv(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  timings.push(`${[command, ...args].join(' ')}: ${Math.round((Date.now() - started) / 1000)} s`);
  return { status: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}` };
}

function succeeded(r: Run): string {
  if (r.status !== 0) throw new Error(`exit ${r.status}:\n${r.output.slice(-4000)}`);
  return r.output;
}

const evidence = (): EvidenceReport =>
  JSON.parse(fs.readFileSync(path.join(app, 'cdk.out/evidence/security-evidence.json'), 'utf8')) as EvidenceReport;

/** Each template of the app's prod assembly, by stack name (without the hash), as text. */
function templatesOf(dir: string): Record<string, string> {
  const assembly = path.join(dir, 'cdk.out/assembly-prod');
  return Object.fromEntries(
    fs
      .readdirSync(assembly)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => [f.replace(/[0-9A-F]{8}\.template\.json$/, ''), fs.readFileSync(path.join(assembly, f), 'utf8')]),
  );
}

/** Every stack's resources as `logical id: type`, sorted. */
function resourcesOf(dir: string): Record<string, string[]> {
  const parse = (text: string) => (JSON.parse(text) as { Resources: Record<string, { Type: string }> }).Resources;
  return Object.fromEntries(
    Object.entries(templatesOf(dir)).map(([name, text]) => [
      name,
      Object.entries(parse(text))
        .map(([id, r]) => `${id}: ${r.Type}`)
        .sort(),
    ]),
  );
}

/**
 * The example app beside the installed one, sharing its node_modules, with the feature flags `cdk init` writes into
 * cdk.json (aws-cdk-lib's recommended-feature-flags.json) instead of none.
 */
function besideWithInitFlags(): string {
  const dir = path.join(work, 'app-init-flags');
  fs.cpSync(EXAMPLE_DIR, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|cdk\.out)$/.test(src) });
  fs.symlinkSync(path.join(app, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const recommended = path.join(app, 'node_modules/aws-cdk-lib/recommended-feature-flags.json');
  const context = JSON.parse(fs.readFileSync(recommended, 'utf8')) as Record<string, unknown>;
  if (Object.keys(context).length < 50) throw new Error(`${recommended} holds ${Object.keys(context).length} flags`);
  const cdkJson = JSON.parse(exampleFile('cdk.json')) as object;
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ ...cdkJson, context }, null, 2));
  return dir;
}

const describeConsumer = process.env.SKIP_CONSUMER_TEST === '1' ? describe.skip : describe;

describeConsumer('a CDK app of another team, using the packed library as the README says', () => {
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-platform-consumer-'));
    const pack = run('npm', ['pack', '--json', '--pack-destination', work], REPO_ROOT);
    succeeded(pack);
    const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];
    app = path.join(work, 'app');
    fs.cpSync(EXAMPLE_DIR, app, {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|cdk\.out)$/.test(src),
    });
    succeeded(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, filename)], app));
    synth = run('npx', ['cdk', 'synth', '**', '--quiet'], app);
  }, 20 * MINUTES);

  afterAll(() => {
    console.log(`consumer app (${work}):\n  ${timings.join('\n  ')}`);
    if (work && !process.env.KEEP_CONSUMER_APP) fs.rmSync(work, { recursive: true, force: true });
  });

  test('installs the library with one aws-cdk-lib (the consumer’s) and none of the repository’s dev tools', () => {
    const modules = path.join(app, 'node_modules');
    expect(fs.existsSync(path.join(modules, '@pocketcity/secure-platform/dist/lib/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(modules, '@pocketcity/secure-platform/node_modules/aws-cdk-lib'))).toBe(false);
    for (const devOnly of ['jest', '@swc/core', 'eslint', '@types/jest'])
      expect(`${devOnly}: ${fs.existsSync(path.join(modules, devOnly))}`).toBe(`${devOnly}: false`);
  });

  test("npx cdk synth '**' type-checks and synthesizes the seven stacks, the claims gate passing", () => {
    expect(succeeded(synth)).not.toMatch(/error/i);
    const templates = fs
      .readdirSync(path.join(app, 'cdk.out/assembly-prod'))
      .filter((f) => f.endsWith('.template.json'));
    // Five stacks in the primary region and two in the recovery region (its own threat detection beside the vault).
    expect(templates.map((t) => t.replace(/[0-9A-F]{8}\.template\.json$/, '')).sort()).toEqual([
      'prodData',
      'prodMonitoring',
      'prodNetwork',
      'prodRecovery',
      'prodRecoveryThreatDetection',
      'prodService',
      'prodThreatDetection',
    ]);
  });

  test('npx secure-platform evidence --strict: every infrastructure claim proven, documents from the package', () => {
    const out = succeeded(run('npx', ['secure-platform', 'evidence', '--strict'], app));
    expect(out).toMatch(/^Evidence written to cdk\.out\/evidence\/security-evidence\.md/m);
    const [env] = evidence().environments;
    expect(env.environment).toBe('prod');
    const infrastructure = env.claims.filter((c) => c.kind === 'infrastructure');
    expect(infrastructure.length).toBeGreaterThanOrEqual(15);
    for (const c of infrastructure) expect(`${c.id}: ${c.status}`).toMatch(/: (proven|exceeds claim)$/);
    expect(env.claims.flatMap((c) => c.documents).map((d) => [d.location, d.source, d.present])).toEqual([
      ['@pocketcity/secure-platform/docs/runbooks/breach-notification.md', 'package default', true],
      ['@pocketcity/secure-platform/docs/security-response.md', 'package default', true],
    ]);
  });

  test('with no feature flags in cdk.json, the stacks reference each other weakly, as the reference does', () => {
    const templates = templatesOf(app);
    expect(Object.keys(templates)).toHaveLength(7);
    for (const [name, text] of Object.entries(templates))
      expect(`${name}: ${text.includes('Fn::ImportValue')}`).toBe(`${name}: false`);
    expect(Object.values(templates).some((text) => text.includes('Fn::GetStackOutput'))).toBe(true);
  });

  test(
    "with cdk init's feature flags, synth and evidence --strict pass on the same resources",
    () => {
      const initApp = besideWithInitFlags();
      succeeded(run('npx', ['cdk', 'synth', '**', '--quiet'], initApp));
      succeeded(run('npx', ['secure-platform', 'evidence', '--strict'], initApp));
      expect(resourcesOf(initApp)).toEqual(resourcesOf(app));
    },
    10 * MINUTES,
  );

  test('--docs DIR judges the consumer’s own documents, and the evidence names them', () => {
    for (const f of ['security/security-response.md', 'security/runbooks/breach-notification.md']) {
      fs.mkdirSync(path.dirname(path.join(app, f)), { recursive: true });
      fs.writeFileSync(path.join(app, f), '# ours\n');
    }
    succeeded(run('npx', ['secure-platform', 'evidence', '--strict', '--docs', 'security'], app));
    const documents = evidence().environments[0].claims.flatMap((c) => c.documents);
    expect(documents.map((d) => [d.location, d.source, d.present])).toEqual([
      [path.join('security', 'runbooks/breach-notification.md'), 'given', true],
      [path.join('security', 'security-response.md'), 'given', true],
    ]);
  });

  test('fails when --docs names a folder without them, naming the missing file', () => {
    const r = run('npx', ['secure-platform', 'evidence', '--docs', 'nowhere'], app);
    expect(r.status).toBe(1);
    expect(r.output).toContain(
      'FAIL prod MONITOR-3 FAILING: missing documents: nowhere/runbooks/breach-notification.md',
    );
    expect(r.output).toContain('FAIL prod RESPONSE-1 FAILING: missing documents: nowhere/security-response.md');
  });

  test('fails when the installed package lacks its copy of a document, naming it', () => {
    fs.rmSync(path.join(app, 'node_modules/@pocketcity/secure-platform/docs/security-response.md'));
    const r = run('npx', ['secure-platform', 'evidence'], app);
    expect(r.status).toBe(1);
    expect(r.output).toContain(
      'FAIL prod RESPONSE-1 FAILING: missing documents: @pocketcity/secure-platform/docs/security-response.md',
    );
  });

  test('fails on a mistyped option with the usage and no stack trace', () => {
    const r = run('npx', ['secure-platform', 'evidence', '--stirct'], app);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/^secure-platform: unknown argument '--stirct': use --strict, --out DIR or --docs DIR/m);
    expect(r.output).not.toMatch(/\n\s+at /);
  });

  test('npx secure-platform preflight ships in the package: without its optional SDK peers it names them, exit 1', () => {
    // The example app installs no AWS SDK client (optional peers): the command must say which to install, call nothing.
    const r = run('npx', ['secure-platform', 'preflight', '--environment', 'prod'], app);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(
      /^secure-platform: the preflight needs the AWS SDK v3 client packages @aws-sdk\/client-accessanalyzer, .*@aws-sdk\/client-sts, optional peer dependencies/m,
    );
    expect(r.output).toMatch(/^ {2}npm install --save-dev @aws-sdk\/client-accessanalyzer .*@aws-sdk\/client-sts$/m);
  });
});
