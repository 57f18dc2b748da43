import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluateFlows } from '../../../lib/compliance/flows';
import {
  EngineSimulation,
  EngineVerdict,
  policyEnginePath,
  runPolicyEngine,
} from '../../../lib/compliance/flows/policy-engine';
import {
  engineIdentity,
  VERDICT_CACHE_ENV,
  VerdictCache,
  verdictCacheFor,
} from '../../../lib/compliance/flows/verdict-cache';
import { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { REFERENCE_ASSEMBLY_DIR } from '../../support/reference-assembly';

const enginePath = policyEnginePath()!;
const ROLE = 'arn:aws:iam::123456789012:role/reader';
const BUCKET_OBJECT = 'arn:aws:s3:::cache-test-bucket/key';

/** A role whose one identity statement allows s3:GetObject on one object, asking for `action`. */
function simulation(action: string): EngineSimulation {
  return {
    simulation: {
      request: {
        principal: ROLE,
        action,
        resource: { resource: BUCKET_OBJECT, accountId: '123456789012' },
        contextVariables: {},
      },
      identityPolicies: [
        {
          name: 'identity-0',
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: BUCKET_OBJECT }],
          },
        },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
  };
}

const saved = process.env[VERDICT_CACHE_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[VERDICT_CACHE_ENV];
  else process.env[VERDICT_CACHE_ENV] = saved;
});

/** A fresh cache folder, made the process's (each folder is a cache of its own, as verdictCacheFor keys them). */
function freshCacheDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-cache-'));
  process.env[VERDICT_CACHE_ENV] = dir;
  return dir;
}

const stored = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'policy-verdicts.json'), 'utf8')) as {
    engine: string;
    verdicts: Record<string, EngineVerdict>;
  };

describe('the IAM engine verdict cache', () => {
  test('the installed engine is identified by its program and package versions; a broken install is not', () => {
    expect(engineIdentity(enginePath)).toMatch(/^[0-9a-f]{64}$/);
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'no-engine-')), 'index.js');
    fs.writeFileSync(broken, '');
    expect(engineIdentity(broken)).toBeUndefined();
    expect(verdictCacheFor(broken)).toBeUndefined();
  });

  test("the engine's answers are written once per distinct request, under the engine's identity", () => {
    const dir = freshCacheDir();
    const requests = [simulation('s3:GetObject'), simulation('s3:PutObject'), simulation('s3:GetObject')];
    const verdicts = runPolicyEngine(enginePath, requests);
    expect(verdicts.map((v) => v.overall)).toEqual(['Allowed', 'ImplicitlyDenied', 'Allowed']);
    const file = stored(dir);
    expect(file.engine).toBe(engineIdentity(enginePath));
    expect(Object.keys(file.verdicts).sort()).toEqual(
      [VerdictCache.keyOf(requests[0]), VerdictCache.keyOf(requests[1])].sort(),
    );
  });

  test('a remembered verdict is answered from the file, not by the engine', () => {
    const dir = freshCacheDir();
    const request = simulation('s3:GetObject');
    // A verdict the engine would never give for this request: only the cache can answer it.
    const planted: EngineVerdict = { overall: 'ExplicitlyDenied', decisive: [] };
    fs.writeFileSync(
      path.join(dir, 'policy-verdicts.json'),
      JSON.stringify({
        format: 1,
        engine: engineIdentity(enginePath),
        verdicts: { [VerdictCache.keyOf(request)]: planted },
      }),
    );
    expect(runPolicyEngine(enginePath, [request])).toEqual([planted]);
  });

  test.each([
    ['another engine’s file', (verdicts: object) => ({ format: 1, engine: 'f'.repeat(64), verdicts })],
    ['another format', (verdicts: object) => ({ format: 2, engine: engineIdentity(enginePath), verdicts })],
    ['a file that does not parse', () => '{"format": 1, "engine'],
  ])('%s is not trusted: the engine answers', (_, content) => {
    const dir = freshCacheDir();
    const request = simulation('s3:GetObject');
    const planted = { [VerdictCache.keyOf(request)]: { overall: 'ExplicitlyDenied', decisive: [] } };
    const text = content(planted);
    fs.writeFileSync(path.join(dir, 'policy-verdicts.json'), typeof text === 'string' ? text : JSON.stringify(text));
    expect(runPolicyEngine(enginePath, [request]).map((v) => v.overall)).toEqual(['Allowed']);
  });

  test('an error is never remembered', () => {
    const cache = new VerdictCache('e'.repeat(64), undefined);
    cache.remember(['a', 'b'], [{ error: 'engine failed' }, { overall: 'Allowed', decisive: [] }]);
    expect(cache.lookup(['a', 'b']).map((v) => v?.overall)).toEqual([undefined, 'Allowed']);
  });

  test("SECURE_PLATFORM_VERDICT_CACHE=off turns it off; by default the file is in the app's node_modules/.cache", () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-cache-bare-'));
    expect(verdictCacheFor(enginePath, {}, bare)?.file).toBeUndefined();
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'verdict-cache-app-'));
    fs.mkdirSync(path.join(app, 'node_modules'));
    expect(verdictCacheFor(enginePath, {}, app)?.file).toBe(
      path.join(app, 'node_modules/.cache/secure-platform/policy-verdicts.json'),
    );
    expect(verdictCacheFor(enginePath, { [VERDICT_CACHE_ENV]: 'off' }, app)).toBeUndefined();
  });

  test("the reference's flows judged from a warm file are the flows the engine judged", () => {
    const dir = freshCacheDir();
    const cold = evaluateFlows(PlatformAssembly.fromDirectory(REFERENCE_ASSEMBLY_DIR));
    const written = Object.keys(stored(dir).verdicts).length;
    expect(written).toBeGreaterThan(500);
    // The same folder named differently: a new cache of the process, which can only read the file.
    process.env[VERDICT_CACHE_ENV] = `${dir}${path.sep}.`;
    const warm = evaluateFlows(PlatformAssembly.fromDirectory(REFERENCE_ASSEMBLY_DIR));
    const decisions = (verdicts: typeof cold) =>
      verdicts.flatMap((v) =>
        v.requests.map((r) => `${v.flow.id} ${r.request.action} ${r.decision} ${r.decisive.map((d) => d.label)}`),
      );
    expect(decisions(warm)).toEqual(decisions(cold));
    expect(warm.map((v) => v.holds)).toEqual(cold.map((v) => v.holds));
  });
});
