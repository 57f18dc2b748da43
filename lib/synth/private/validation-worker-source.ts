// The program of the background validation worker that lib/synth/background-cloudformation-validation.ts starts.
// Plain JavaScript because a worker thread does not inherit the app's TypeScript runner. It loads the same
// aws-cdk-lib as the app and starts the engine at once, then checks templates as they are announced and answers each
// request.
//
// CDK's plugin builds its engine with the built-in rules that the checked templates' resource types select, and
// builds a new one whenever a template brings a type its engine was not built for. The engine started up front is
// built for no types, so CDK would throw it away at the first real check (an earlier version of this worker did, and
// gained nothing). `WarmPlugin` keeps it while the templates' types select no rules, which the rule index shipped
// with aws-cdk-lib says; `enginesStarted` counts the engines built, so a test sees when the warm one stops serving.
//
// With the same rules for every template, CDK's report is each template's findings in turn, a finding already seen
// (same rule, severity and description) gaining the new resources. So templates announced early are checked one by
// one as they come, and the request merges their reports in its own order: the same report, ready sooner. When any
// type selects a rule, or the rule index is not where it was, the request runs CDK's plugin on all templates at once.
export const WORKER_SOURCE = `
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { parentPort, workerData } = require('worker_threads');
const { replies } = workerData;
let plugin;
let ruleTypes;
let unavailable;
let enginesStarted = 0;
let checkedAhead = 0;
const checked = new Map();

function typesThatSelectRules() {
  const index = path.join(path.dirname(workerData.awsCdkLib), 'core/lib/validation/rules/index.generated.json');
  try {
    return new Set(JSON.parse(fs.readFileSync(index, 'utf8')).rules.flatMap((r) => r.types ?? []));
  } catch {
    return undefined;
  }
}

function selectsNoRules(types) {
  return ruleTypes !== undefined && ![...types].some((t) => ruleTypes.has(t));
}

function typesIn(text) {
  const resources = JSON.parse(text).Resources ?? {};
  return new Set(Object.values(resources).map((r) => r && r.Type));
}

try {
  const { CloudFormationValidatePlugin } = require(workerData.awsCdkLib);
  ruleTypes = typesThatSelectRules();
  class WarmPlugin extends CloudFormationValidatePlugin {
    initializeEngine(types) {
      if (this.warm && selectsNoRules(types)) return this.warm;
      this.warm = undefined;
      enginesStarted++;
      return super.initializeEngine(types);
    }
  }
  plugin = new WarmPlugin(workerData.props);
  if (typeof plugin.initializeEngine === 'function') plugin.warm = plugin.initializeEngine(new Set());
} catch (e) {
  unavailable = String(e && e.stack || e);
}

// One template's report, from the cache when it was announced; undefined when its types select rules.
// A template rewritten since it was announced (a second synth into the same directory) is checked again.
function keyOf(t, text) {
  const content = crypto.createHash('sha256').update(text).digest('hex');
  return [t.templatePath, t.stackConstructPath, t.accountId, t.region, content].join('|');
}

function checkAlone(stackTemplate) {
  const text = fs.readFileSync(stackTemplate.templatePath, 'utf8');
  const key = keyOf(stackTemplate, text);
  if (!checked.has(key)) {
    if (!selectsNoRules(typesIn(text))) return { key };
    checked.set(key, plugin.validate({ templatePaths: [stackTemplate.templatePath], stackTemplates: [stackTemplate] }));
  }
  return { key, report: checked.get(key) };
}

function validate(context) {
  const keysBefore = new Set(checked.keys());
  const alone = context.stackTemplates.map(checkAlone);
  checkedAhead = alone.filter((a) => keysBefore.has(a.key)).length;
  const reports = alone.map((a) => a.report);
  if (reports.some((r) => r === undefined)) return plugin.validate(context);
  const violations = [];
  for (const v of reports.flatMap((r) => r.violations)) {
    const seen = violations.find((s) => s.ruleName === v.ruleName && s.severity === v.severity && s.description === v.description);
    if (seen) seen.violatingResources.push(...v.violatingResources);
    else violations.push({ ...v, violatingResources: [...v.violatingResources] });
  }
  return { success: violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'), violations };
}

parentPort.on('message', ({ announced, context, done }) => {
  if (announced) {
    // Work done ahead of a request; a template that cannot be checked alone waits for it, and so does any error.
    if (!unavailable) for (const stackTemplate of announced) try { checkAlone(stackTemplate); } catch {}
    return;
  }
  let reply;
  if (unavailable) {
    reply = { unavailable };
  } else {
    try {
      reply = { report: validate(context), enginesStarted, checkedAhead };
    } catch (e) {
      reply = { thrown: e };
    }
  }
  try {
    replies.postMessage(reply);
  } catch (e) {
    // A thrown value that cannot be copied to the app's thread travels as text.
    replies.postMessage({ thrown: String(reply.thrown) });
  }
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
`;
