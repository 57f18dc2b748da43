import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { VERDICT_CACHE_ENV } from '../../lib/compliance/flows/verdict-cache';
import type { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { appFiles, TESTED_FEATURE_FLAGS } from '../../lib/cli/init';
import { FILL_SCRIPT, REPO_ROOT } from './consumer-example';

/**
 * SLOW, ON PURPOSE (about three to five minutes on two busy cores): the README's "Use it in your own CDK app", done as a
 * newcomer does it. `npm pack` builds and packs the library; the packed command `secure-platform init` writes a fresh
 * app; scripts/fill-consumer-app.js fills it as a team would (its own account, domain, certificate and addresses, a
 * freshly generated dump key, its own copies of the documents the claims cite, and its own resources: a SecureQueue
 * and a ReplicatedBucket in stacks of the stage); `npm install` adds the tarball with the pins init wrote (from the npm
 * cache `npm ci` filled where it can, else the registry); tsc type-checks the app against the packed declarations,
 * `npx cdk synth '**'` synthesizes it and `npx secure-platform evidence --strict --docs security` judges it, with no
 * acknowledgment of the team's own. Nothing of the repository's node_modules is reachable from the app, so the library
 * must load with its own dependencies and the consumer's peers alone. The app is synthesized and judged twice over
 * one install: with the feature flags init writes (cdk init's) and with none; the library must build the same
 * platform under both. `SKIP_CONSUMER_TEST=1 npx jest` leaves it out of a quick local run; CI never sets it.
 * scripts/cdk-range.sh makes the same app against the newest and the lowest aws-cdk-lib.
 */
const MINUTES = 60_000;
const LIBRARY = '@pocketcity/secure-platform';
const PLATFORM_STACKS = [
  'prodData',
  'prodMonitoring',
  'prodNetwork',
  'prodRecovery',
  'prodRecoveryThreatDetection',
  'prodService',
  'prodThreatDetection',
];
let work: string;
let app: string;
let initWrote: Record<string, string>;
let libraryVersion: string;
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
    // jest.config.js turns CDK's template validation off for unit tests; a consumer's synth runs it. The run's shared
    // verdict cache is left out too: the app keeps its own, where a consumer's is (node_modules/.cache).
    if (!npmOwn && k !== 'CDK_VALIDATION' && k !== VERDICT_CACHE_ENV) env[k] = v;
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

/** Each file of `dir` (recursively, without node_modules), by relative path, as text. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => !f.startsWith('node_modules') && fs.statSync(path.join(dir, f)).isFile())
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

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

/** The filled app beside the installed one, sharing its node_modules, with no feature flags in cdk.json. */
function besideWithoutFlags(): string {
  const dir = path.join(work, 'app-no-flags');
  fs.cpSync(app, dir, { recursive: true, filter: (src) => !/[/\\](node_modules|cdk\.out)$/.test(src) });
  fs.symlinkSync(path.join(app, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const { app: command } = JSON.parse(fs.readFileSync(path.join(app, 'cdk.json'), 'utf8')) as { app: string };
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: command }, null, 2));
  return dir;
}

const describeConsumer = process.env.SKIP_CONSUMER_TEST === '1' ? describe.skip : describe;

describeConsumer('a CDK app of another team, made by the packed init command as the README says', () => {
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-platform-consumer-'));
    const pack = run('npm', ['pack', '--json', '--pack-destination', work], REPO_ROOT);
    succeeded(pack);
    const [{ filename, version }] = JSON.parse(pack.stdout) as { filename: string; version: string }[];
    const tarball = path.join(work, filename);
    app = path.join(work, 'app');
    // The packed command, installed as a consumer installs it (npx --package waits forever on its own cache lock
    // under npm 11 with Node 24 when run with no terminal, so it is not used here).
    // A folder of its own rather than `--prefix`, which also moves npm's global config (<prefix>/etc/npmrc) and so
    // loses the machine's (a registry mirror, a cafile).
    const cli = path.join(work, 'cli');
    fs.mkdirSync(cli);
    fs.writeFileSync(path.join(cli, 'package.json'), '{ "private": true }\n');
    succeeded(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], cli));
    succeeded(run(path.join(cli, 'node_modules/.bin/secure-platform'), ['init', '--dir', app], work));
    initWrote = filesOf(app);
    libraryVersion = version;
    succeeded(run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app));
    succeeded(run('node', [FILL_SCRIPT, app], work));
    synth = run('npx', ['cdk', 'synth', '**', '--quiet'], app);
  }, 20 * MINUTES);

  afterAll(() => {
    console.log(`consumer app (${work}):\n  ${timings.join('\n  ')}`);
    if (work && !process.env.KEEP_CONSUMER_APP) fs.rmSync(work, { recursive: true, force: true });
  });

  test('the packed init wrote what lib/cli/init writes (the files the README shows), with the tested feature flags', () => {
    const expected = appFiles({ dir: app, environment: 'prod', libraryVersion });
    expect(initWrote).toEqual(
      Object.fromEntries(Object.entries(expected).map(([f, text]) => [path.normalize(f), text])),
    );
    expect((JSON.parse(initWrote['cdk.json']) as { context: object }).context).toEqual(TESTED_FEATURE_FLAGS);
  });

  test('installs the library with one aws-cdk-lib (the consumer’s) and none of the repository’s dev tools', () => {
    const modules = path.join(app, 'node_modules');
    expect(fs.existsSync(path.join(modules, LIBRARY, 'dist/lib/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(modules, LIBRARY, 'node_modules/aws-cdk-lib'))).toBe(false);
    for (const devOnly of ['jest', '@swc/core', 'eslint', '@types/jest'])
      expect(`${devOnly}: ${fs.existsSync(path.join(modules, devOnly))}`).toBe(`${devOnly}: false`);
  });

  test('tsc type-checks the filled app (bin/app.ts, lib/workloads.ts) against the packed declarations', () => {
    expect(succeeded(run('npx', ['tsc', '--noEmit', '--pretty', 'false'], app))).toBe('');
  });

  test("npx cdk synth '**' synthesizes the seven platform stacks and the team's two, the claims gate passing", () => {
    expect(succeeded(synth)).not.toMatch(/error/i);
    expect(Object.keys(templatesOf(app)).sort()).toEqual(
      [...PLATFORM_STACKS, 'prodWorkloads', 'prodWorkloadsRecovery'].sort(),
    );
    // The team's queue and bucket are in them, with the bucket's replica in the recovery region.
    const own = resourcesOf(app);
    expect(own.prodWorkloads.filter((r) => /: AWS::(SQS::Queue|S3::Bucket)$/.test(r))).toHaveLength(4);
    expect(own.prodWorkloadsRecovery.filter((r) => r.endsWith(': AWS::S3::Bucket'))).toHaveLength(2);
  });

  test('evidence --strict --docs security: every infrastructure claim proven, the team’s own documents judged', () => {
    const out = succeeded(run('npx', ['secure-platform', 'evidence', '--strict', '--docs', 'security'], app));
    expect(out).toMatch(/^Evidence written to cdk\.out\/evidence\/security-evidence\.md/m);
    const report = evidence();
    expect(report.strayStacks).toEqual([]);
    const [env] = report.environments;
    expect(env.environment).toBe('prod');
    expect(env.stacks.map((s) => s.stackName)).toEqual(
      expect.arrayContaining(['prod-Workloads', 'prod-WorkloadsRecovery']),
    );
    const infrastructure = env.claims.filter((c) => c.kind === 'infrastructure');
    expect(infrastructure.length).toBeGreaterThanOrEqual(15);
    for (const c of infrastructure) expect(`${c.id}: ${c.status}`).toMatch(/: (proven|exceeds claim)$/);
    expect(env.claims.flatMap((c) => c.documents).map((d) => [d.location, d.source, d.present])).toEqual([
      [path.join('security', 'runbooks/breach-notification.md'), 'given', true],
      [path.join('security', 'security-response.md'), 'given', true],
    ]);
  });

  test("no acknowledgment of the team's own resources: those on its stacks are the library's, as on the platform's", () => {
    const acknowledgments = evidence().environments[0].claims.flatMap((c) => c.acknowledgments);
    const onOwn = (resource: string) => /^prod\/Workloads(Recovery)?\//.test(resource);
    const own = acknowledgments.filter((a) => a.resources.some(onOwn));
    const platformReasons = new Set(acknowledgments.filter((a) => !a.resources.some(onOwn)).map((a) => a.reason));
    // Only the replica's (a replica is not replicated again) and the access-log buckets' (SSE-S3, no replica).
    expect(own.length).toBeGreaterThan(0);
    for (const a of own) expect(`${a.rule}: ${platformReasons.has(a.reason)}`).toBe(`${a.rule}: true`);
    expect([...new Set(own.map((a) => a.rule.replace(/^[\w.]+-/, '')))].sort()).toEqual([
      'S3BucketReplicationEnabled',
      'S3DefaultEncryptionKMS',
    ]);
  });

  test(
    'with no feature flags in cdk.json, synth and evidence --strict pass on the same resources, referenced weakly',
    () => {
      const bare = besideWithoutFlags();
      succeeded(run('npx', ['cdk', 'synth', '**', '--quiet'], bare));
      succeeded(run('npx', ['secure-platform', 'evidence', '--strict', '--docs', 'security'], bare));
      expect(resourcesOf(bare)).toEqual(resourcesOf(app));
      const templates = templatesOf(bare);
      for (const [name, text] of Object.entries(templates))
        expect(`${name}: ${text.includes('Fn::ImportValue')}`).toBe(`${name}: false`);
      expect(Object.values(templates).some((text) => text.includes('Fn::GetStackOutput'))).toBe(true);
    },
    10 * MINUTES,
  );

  test("without --docs, the evidence judges the package's copies (PocketCITY's) and --strict fails", () => {
    const r = run('npx', ['secure-platform', 'evidence', '--strict'], app);
    expect(r.status).toBe(1);
    const documents = evidence().environments[0].claims.flatMap((c) => c.documents);
    expect(documents.map((d) => [d.location, d.source])).toEqual([
      [`${LIBRARY}/docs/runbooks/breach-notification.md`, 'package default'],
      [`${LIBRARY}/docs/security-response.md`, 'package default'],
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
    fs.rmSync(path.join(app, 'node_modules', LIBRARY, 'docs/security-response.md'));
    const r = run('npx', ['secure-platform', 'evidence'], app);
    expect(r.status).toBe(1);
    expect(r.output).toContain(`FAIL prod RESPONSE-1 FAILING: missing documents: ${LIBRARY}/docs/security-response.md`);
  });

  test('fails on a mistyped option with the usage and no stack trace', () => {
    const r = run('npx', ['secure-platform', 'evidence', '--stirct'], app);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/^secure-platform: unknown argument '--stirct': use --strict, --out DIR or --docs DIR/m);
    expect(r.output).not.toMatch(/\n\s+at /);
  });

  test('npx secure-platform preflight ships in the package: without its optional SDK peers it names them, exit 1', () => {
    // The app installs no AWS SDK client (optional peers): the command must say which to install, call nothing.
    const r = run('npx', ['secure-platform', 'preflight', '--environment', 'prod'], app);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(
      /^secure-platform: the preflight needs the AWS SDK v3 client packages @aws-sdk\/client-accessanalyzer, .*@aws-sdk\/client-sts, optional peer dependencies/m,
    );
    expect(r.output).toMatch(/^ {2}npm install --save-dev @aws-sdk\/client-accessanalyzer .*@aws-sdk\/client-sts$/m);
  });
});
