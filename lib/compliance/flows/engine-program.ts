// The program of the worker thread the flow proofs evaluate requests in: the IAM policy engine
// (@cloud-copilot/iam-simulate) only answers asynchronously, and checks run synchronously inside CDK's validation, so
// the caller blocks (Atomics.wait) until the worker answers. Plain JavaScript, since a worker does not inherit the
// app's TypeScript runner. The worker loads the engine once and stays up for every later evaluation of the process
// (each stage of an app, each mutated copy of a test), so the engine's start and its data caches are paid once. For
// each batch of simulations it posts one verdict per simulation: the overall result, the engine's errors, and the
// statements that decided, by policy name and statement index.
//
// The engine's validated entry point (runSimulation) drops context keys it cannot match to the action's keys, and it
// matches variable keys only in the 'prefix/name' form: 'kms:EncryptionContext:aws:logs:arn' is dropped, so every
// encryption-context condition would fail as if the service sent no context. When a key the flow sets explicitly is
// dropped, the request is evaluated again by the engine's core (authorize, as its runUnsafeSimulation does, but
// keeping the analysis) with the context as given; the validated run has already checked action and resource.
export const ENGINE_PROGRAM = `
const path = require('path');
const { workerData } = require('worker_threads');
const { enginePath, port, answered } = workerData;
const dist = path.dirname(enginePath);
// Loaded on the first batch, so an engine that fails to load answers that batch with its error.
let engine;
// The engine's policy library, as the engine resolves it (its own dependency).
const policyLibraryEntry = () => require.resolve('@cloud-copilot/iam-policy', { paths: [dist] });
// Replaces the function \`name\` of a module's exports by one that remembers each answer, for a pure function of its
// string arguments: computed once per distinct call (a rejection too: answered again as it was, never unhandled).
// Bounded: a long-lived worker (mutation tests) starts over rather than grow without end. Where the module or the
// function is not there (the engine's layout differs), nothing is remembered and every call is computed as before.
function remember(loadModule, name) {
  let exported;
  try {
    exported = loadModule();
  } catch (e) {
    return;
  }
  const original = exported && exported[name];
  if (typeof original !== 'function') return;
  const known = new Map();
  exported[name] = function (...args) {
    const key = args.join('\u0000');
    if (known.has(key)) return known.get(key);
    if (known.size >= 100000) known.clear();
    const answer = original.apply(this, args);
    if (answer && typeof answer.then === 'function') answer.then(undefined, () => undefined);
    known.set(key, answer);
    return answer;
  };
}
// The engine looks up, for every request, which resource types of the action the resource ARN matches: a pure function
// of (service, action, ARN) over its bundled data, and two thirds of a stage's requests repeat a triple (the lookup's
// own cost is an automaton walk per character pair). The policy library compares condition operators and keys
// case-insensitively through localeCompare, which builds a collator on every call: about a tenth of a stage's
// evaluation, for a few hundred distinct pairs asked thousands of times.
function rememberPureLookups() {
  remember(() => require(path.join(dist, 'simulation_engine/resourceTypes.js')), 'getResourceTypesForAction');
  const utils = () => require(path.join(path.dirname(policyLibraryEntry()), 'utils.js'));
  remember(utils, 'caseInsensitiveEquals');
  remember(utils, 'caseInsensitiveEndsWith');
}
function coreAnalysis(s) {
  const { loadPolicy } = require(policyLibraryEntry());
  const { authorize } = require(path.join(dist, 'core_engine/CoreSimulatorEngine.js'));
  const { AwsRequestImpl } = require(path.join(dist, 'request/request.js'));
  const { RequestContextImpl } = require(path.join(dist, 'requestContext.js'));
  const { DiscoveryContextKeyConstraints } = require(path.join(dist, 'context_keys/discoveryContextKeyConstraints.js'));
  const q = s.request;
  return authorize({
    request: new AwsRequestImpl(q.principal, q.resource, q.action, new RequestContextImpl(q.contextVariables)),
    sessionPolicy: undefined,
    identityPolicies: s.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: s.resourcePolicy ? loadPolicy(s.resourcePolicy, { name: 'resource' }) : undefined,
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
}
// A batch names each distinct policy document once (policies[i]) and each request refers to them by index: a stage's
// 735 requests carry about a hundred distinct documents. Each is validated once per batch through the engine's own
// ValidatedPolicy, which runSimulation reuses instead of validating the document again for every request.
function unpack(batch) {
  const { createValidatedPolicy, validateIdentityPolicy, validateResourcePolicy } = require(policyLibraryEntry());
  const validated = new Map();
  const validatedAs = (kind, i) => {
    // An engine without ValidatedPolicy gets the document itself, and validates it per request as before.
    if (typeof createValidatedPolicy !== 'function') return batch.policies[i];
    const key = kind + i;
    let v = validated.get(key);
    if (!v) {
      v = createValidatedPolicy(batch.policies[i], kind === 'identity' ? validateIdentityPolicy : validateResourcePolicy);
      validated.set(key, v);
    }
    return v;
  };
  return batch.simulations.map((p) => {
    const raw = {
      request: p.request,
      identityPolicies: p.identity.map((x) => ({ name: x.name, policy: batch.policies[x.policy] })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: p.resource === undefined ? undefined : batch.policies[p.resource],
    };
    const forEngine = {
      ...raw,
      identityPolicies: p.identity.map((x) => ({ name: x.name, policy: validatedAs('identity', x.policy) })),
      resourcePolicy: p.resource === undefined ? undefined : validatedAs('resource', p.resource),
    };
    return { explicitKeys: p.explicitKeys, simulation: raw, forEngine };
  });
}
async function evaluateAll(batch) {
  const out = [];
  try {
    if (!engine) {
      rememberPureLookups();
      engine = require(enginePath);
    }
  } catch (e) {
    throw new Error('cannot load ' + enginePath + ': ' + ((e && e.message) || e));
  }
  for (const s of unpack(batch)) {
    let r;
    try {
      r = await engine.runSimulation(s.forEngine, { simulationMode: 'Strict' });
      if (r.resultType === 'error') { out.push({ error: JSON.stringify(r.errors) }); continue; }
      const result = r.resultType === 'single' ? r.result : r.results[0];
      const dropped = ((result && result.ignoredContextKeys) || []).filter((k) => (s.explicitKeys || []).includes(k));
      const analysis = dropped.length ? coreAnalysis(s.simulation) : result && result.analysis;
      const overall = dropped.length ? analysis.result : r.overallResult;
      const decisive = [];
      const name = (a) => a.policyId;
      const index = (policy, a) => {
        const doc = policy && policy.Statement ? policy.Statement : [];
        const text = JSON.stringify(a.statement);
        const i = doc.findIndex((st) => JSON.stringify(st) === text);
        return i >= 0 ? i : doc.findIndex((st, j) => (st.Sid || String(j + 1)) === a.explain.identifier);
      };
      const policyNamed = (n) => n === 'resource' ? s.simulation.resourcePolicy : (s.simulation.identityPolicies.find((p) => p.name === n) || {}).policy;
      const collect = (part, key, kind) => {
        for (const a of (part && part[key]) || []) decisive.push({ kind, policy: name(a) || (part === analysis.resourceAnalysis ? 'resource' : ''), index: index(policyNamed(name(a) || 'resource'), a) });
      };
      if (overall === 'Allowed') {
        collect(analysis.identityAnalysis, 'allowStatements', 'allow');
        collect(analysis.resourceAnalysis, 'allowStatements', 'allow');
      } else {
        collect(analysis.identityAnalysis, 'denyStatements', 'deny');
        collect(analysis.resourceAnalysis, 'denyStatements', 'deny');
      }
      out.push({ overall, decisive, core: dropped.length ? dropped : undefined });
    } catch (e) {
      out.push({ error: String((e && e.message) || e) });
    }
  }
  return out;
}
port.on('message', async (batch) => {
  let answer;
  try {
    answer = { verdicts: await evaluateAll(batch) };
  } catch (e) {
    answer = { error: String((e && e.message) || e) };
  }
  port.postMessage(answer);
  Atomics.store(answered, 0, 1);
  Atomics.notify(answered, 0);
});
`;
