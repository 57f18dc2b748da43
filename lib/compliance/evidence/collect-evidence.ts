import * as fs from 'fs';
import * as path from 'path';
import type { Claim } from '../../core/claims/claim';
import { CLAIMS } from '../../core/claims/register';
import { RegionNames, takenOptOuts } from '../../core/opt-outs';
import { PlatformMetadata, platformMetadataOf } from '../../core/platform-metadata';
import { Check } from '../checks';
import { CHECKS } from '../registry';
import { claimsRuleName, templateDigest } from '../gate/claims-plugin';
import { analyseRedundancy } from '../redundancy/analyse-redundancy';
import { Acknowledgments } from '../template/acknowledgments';
import { configRulesByClaim, DeclaredConfigRule } from '../continuity/config-rules-by-claim';
import { PlatformAssembly, StackTemplate } from '../template/platform-assembly';
import {
  AcknowledgmentEvidence,
  CheckEvidence,
  ClaimEvidence,
  ClaimStatus,
  DocumentEvidence,
  EnvironmentEvidence,
  EvidenceReport,
  PathEvidence,
  ResourceEvidence,
  StockPackEvidence,
} from './evidence-model';
import { gateRecordProblems, IntegrityProblem, strayStacks, validationReportProblems } from './assembly-integrity';
import { deliveryEvidence, deliveryStackNames } from './delivery-section';
import { reportIdentity } from './report-identity';
import { pathEvidence } from './path-evidence';
import { flowRecords, FlowRecord } from '../flows/flow-records';
import { JudgedResult, judgeChecks } from './judge-checks';
import { locateDocuments } from './locate-documents';
import { documentVerdict } from './documents/document-verdict';
import { physicalName, resolvedProperties } from './resource-values';
import { assemblyModel, StageModel } from '../template/stage-model';
import { controlsOfClaim } from '../../core/frameworks';

const withName = (name: string | undefined) => (name === undefined ? {} : { name });

export interface CollectEvidenceOptions {
  /** The cloud assembly directory (`cdk.out`). */
  readonly outdir: string;
  /**
   * Your own folder of the documents claims cite, laid out as the library's `docs/` (`security-response.md`,
   * `runbooks/breach-notification.md`); each must exist there.
   * @default - the library's own copies, shipped in the package
   */
  readonly documentsDir?: string;
  /** @default CHECKS */
  readonly checks?: readonly Check[];
  /** @default CLAIMS */
  readonly claims?: readonly Claim[];
  /**
   * Hold every environment's templates against the synth gate's record of them. Only fixtures assembled without
   * the gate turn this off.
   * @default true
   */
  readonly verifyGate?: boolean;
  /** When the report is generated. @default - now */
  readonly now?: Date;
}

/** Reads a synthesized cloud assembly and judges every claim of every environment in it. */
export function collectEvidence(options: CollectEvidenceOptions): EvidenceReport {
  const checks = options.checks ?? CHECKS;
  const claims = options.claims ?? CLAIMS;
  const assembly = PlatformAssembly.fromDirectory(options.outdir);
  const recorded = Acknowledgments.fromDirectory(options.outdir);
  const validation = readValidationReport(options.outdir, recorded);
  const acknowledgments = validation.acknowledgments;
  const integrity: IntegrityProblem[] = [...validationReportProblems(options.outdir)];
  const strays = strayStacks(assembly.stacks);
  const delivery = deliveryStackNames(assembly);
  for (const stray of strays) {
    // A delivery pipeline's stacks stand outside every stage on purpose (docs/delivery.md); still listed as strays.
    if (delivery.has(stray.stackName)) continue;
    integrity.push({
      problem: `stack ${stray.stackName} (${stray.constructPath}) is outside every PlatformStage: no claim covers it`,
      strictOnly: true,
    });
  }

  const groups = groupByEnvironment(assembly.stacks.filter((s) => platformMetadata(s) !== undefined));
  const environments = groups.map(([environment, stacks]): EnvironmentEvidence => {
    const envAssembly = new PlatformAssembly(stacks);
    const results = judgeChecks(envAssembly, checks, recorded);
    const configRules = configRulesByClaim(envAssembly);
    const paths = pathEvidence(envAssembly);
    const flows = flowRecords(envAssembly);
    const stages = new Set(stacks.map((s) => s.constructPath.split('/')[0]));
    if (stages.size > 1)
      integrity.push({
        problem: `environment ${environment} is declared by more than one stage: ${[...stages].join(', ')}`,
      });
    if (options.verifyGate !== false) integrity.push(...gateRecordProblems(environment, stacks, results));
    const meta = platformMetadata(stacks[0]);
    const optOuts = meta?.optOuts ?? {};
    const envPrefix = `${environment}/`;
    return {
      environment,
      account: stacks.find((s) => s.account)?.account,
      primaryRegion: meta?.primaryRegion,
      recoveryRegion: meta?.recoveryRegion,
      configDigest: meta?.configDigest,
      dumpKeyFingerprint: meta?.dumpKeyFingerprint,
      stacks: stacks.map((s) => ({
        stackName: s.stackName,
        region: s.region,
        resources: Object.keys(s.template.Resources ?? {}).length,
        templateFile: path.basename(s.templatePath),
        sha256: fs.existsSync(s.templatePath) ? templateDigest(s.templatePath) : undefined,
      })),
      optOuts,
      redundancy: analyseRedundancy(envAssembly),
      claims: claims.map((claim) =>
        judgeClaim({
          claim,
          checks: checks.filter((c) => c.claims.includes(claim.id)),
          results,
          acknowledgments: acknowledgments.filter(
            (a) => a.claim === claim.id && a.resources.some((r) => r.startsWith(envPrefix) || !r.includes('/')),
          ),
          optOuts,
          regions: { primary: meta?.primaryRegion, recovery: meta?.recoveryRegion },
          documentsDir: options.documentsDir,
          continuousChecks: configRules[claim.id] ?? [],
          paths: paths.filter((p) => p.claim === claim.id).map((p) => p.evidence),
          flows: flows.filter((f) => f.claim === claim.id),
          model: assemblyModel(envAssembly),
        }),
      ),
    };
  });

  // A delivery pipeline that deploys an environment without its gates voids the claims it delivers.
  const pipelines = deliveryEvidence(assembly);
  for (const d of pipelines) {
    for (const f of d.findings) integrity.push({ problem: `delivery pipeline ${d.stackName}: ${f}` });
  }

  const allClaims = environments.flatMap((e) => e.claims);
  const byStatus: Record<string, number> = {};
  for (const c of allClaims) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  return {
    title: 'Security evidence: claims of the security overview, the resources that carry them, and their checks',
    identity: reportIdentity(options.now ?? new Date(), process.cwd()),
    toolVersions: toolVersions(),
    integrity: integrity.map((p) => ({ problem: p.problem, strictOnly: p.strictOnly === true })),
    strayStacks: strays,
    environments,
    delivery: pipelines,
    stockPacks: validation.stockPacks,
    acknowledgments,
    summary: {
      failing: byStatus.FAILING ?? 0,
      notImplemented: byStatus['not implemented'] ?? 0,
      unacknowledgedStockViolations: validation.stockPacks.reduce((n, p) => n + p.unacknowledgedViolations, 0),
      byStatus,
    },
  };
}

interface JudgeInput {
  readonly claim: Claim;
  readonly checks: readonly Check[];
  readonly results: readonly JudgedResult[];
  readonly acknowledgments: readonly AcknowledgmentEvidence[];
  readonly paths: readonly PathEvidence[];
  readonly flows: readonly FlowRecord[];
  readonly optOuts: Record<string, unknown>;
  /** The environment's regions by role, which an opt-out per region names. */
  readonly regions: RegionNames;
  readonly documentsDir?: string;
  readonly continuousChecks: readonly DeclaredConfigRule[];
  /** The environment's model, which resolves the values quoted as evidence to names of the configured account. */
  readonly model: StageModel;
}

function judgeClaim(input: JudgeInput): ClaimEvidence {
  const { claim } = input;
  const checkEvidence: CheckEvidence[] = input.checks.map((check) =>
    summarise(
      claimsRuleName(check.id),
      check.description,
      input.results.filter((r) => r.checkId === check.id),
      check.listPassingResults === true,
    ),
  );
  const documents = locateDocuments(claim.documents ?? [], input.documentsDir);
  const optOuts = takenOptOuts(input.optOuts)
    .filter(({ optOut }) => optOut.claim === claim.id)
    .map(
      ({ optOut, value }) =>
        `${optOut.configPath} = ${JSON.stringify(value)}: ${optOut.effectOf?.(value, input.regions) ?? optOut.effect}`,
    );
  const [status, statusReason] = statusOf(claim, checkEvidence, documents);
  return {
    id: claim.id,
    title: claim.title,
    seedSentence: claim.seedSentence,
    kind: claim.kind,
    trueWhen: claim.trueWhen,
    status,
    statusReason,
    exceeds: claim.exceeds,
    inheritedParts: claim.inheritedParts ?? [],
    organisationalParts: claim.organisationalParts ?? [],
    documents,
    resources: resourcesOf(input),
    checks: checkEvidence,
    acknowledgments: input.acknowledgments,
    optOuts,
    continuousChecks: input.continuousChecks,
    paths: input.paths,
    flows: input.flows,
    controls: controlsOfClaim(claim.id),
  };
}

function summarise(
  id: string,
  description: string,
  results: readonly JudgedResult[],
  listPasses: boolean,
): CheckEvidence {
  const describe = (r: JudgedResult) =>
    `${r.resource ? `${r.resource.stackName}/${r.resource.logicalId} (${r.resource.type}): ` : ''}${r.detail}`;
  const withStatus = (status: JudgedResult['status']) => results.filter((r) => r.status === status);
  return {
    id,
    description,
    passed: withStatus('pass').length,
    failed: withStatus('fail').length,
    acknowledged: withStatus('acknowledged').length,
    weakened: withStatus('weakened').length,
    failures: withStatus('fail').map(describe),
    weakenings: withStatus('weakened').map(describe),
    ...(listPasses ? { passes: withStatus('pass').map(describe) } : {}),
  };
}

/**
 * A claim is proven only when it has checks, every check judged something, nothing failed, and no opt-out or
 * acknowledged claims finding weakens it.
 */
function statusOf(
  claim: Claim,
  checks: readonly CheckEvidence[],
  documents: readonly DocumentEvidence[],
): [ClaimStatus, string] {
  if (claim.kind === 'organisational')
    return ['organisational', 'a promise about people and process; not provable by infrastructure'];
  if (claim.kind === 'inherited') return ['inherited', 'made true by a provider, not by resources declared here'];
  if (checks.length === 0) return ['not implemented', 'no check of this claim exists yet'];
  const failing = checks.filter((c) => c.failed > 0);
  if (failing.length > 0) return ['FAILING', `failed: ${failing.map((c) => c.id).join(', ')}`];
  const empty = checks.filter((c) => c.passed + c.acknowledged + c.weakened === 0);
  if (empty.length > 0) return ['FAILING', `found nothing to judge: ${empty.map((c) => c.id).join(', ')}`];
  const cited = documentVerdict(documents);
  if (cited.failing) return ['FAILING', cited.failing];
  // An opt-out, or an acknowledged finding of the claims pack itself, is an accepted exception to the claim:
  // the claim then holds only at reduced strength, and says so.
  const weakenings = checks.flatMap((c) => c.weakenings);
  const exceptions = checks
    .filter((c) => c.acknowledged > 0)
    .map((c) => `${c.id} acknowledged on ${c.acknowledged} resource(s)`);
  const decided = [...weakenings, ...exceptions];
  if (decided.length > 0 || cited.weakened) {
    const reasons = decided.length
      ? [`true only at reduced strength, by explicit decision: ${decided.join('; ')}`]
      : [];
    return ['weakened', [...reasons, ...(cited.weakened ? [cited.weakened] : [])].join('; ')];
  }
  const passed = checks.reduce((n, c) => n + c.passed, 0);
  if (claim.exceeds) return ['exceeds claim', `${checks.length} checks, ${passed} passing results; ${claim.exceeds}`];
  return ['proven', `${checks.length} checks, ${passed} passing results, none failing`];
}

function resourcesOf(input: JudgeInput): ResourceEvidence[] {
  const byKey = new Map<string, ResourceEvidence & { checks: string[] }>();
  const add = (
    r: { stackName: string; region?: string; logicalId: string; type: string },
    check: string,
    props: Record<string, unknown>,
  ) => {
    const key = `${r.stackName}/${r.logicalId}`;
    const entry = byKey.get(key) ?? {
      stackName: r.stackName,
      region: r.region,
      logicalId: r.logicalId,
      type: r.type,
      ...withName(physicalName(input.model, r)),
      properties: {},
      checks: [],
    };
    Object.assign(entry.properties, resolvedProperties(input.model, r, props));
    if (!entry.checks.includes(check)) entry.checks.push(check);
    byKey.set(key, entry);
  };
  const ids = new Set(input.checks.map((c) => c.id));
  for (const r of input.results) {
    if (ids.has(r.checkId) && r.status === 'pass' && r.resource)
      add(r.resource, claimsRuleName(r.checkId), r.properties ?? {});
  }
  return [...byKey.values()].sort((a, b) =>
    `${a.stackName}/${a.logicalId}`.localeCompare(`${b.stackName}/${b.logicalId}`),
  );
}

function groupByEnvironment(stacks: readonly StackTemplate[]): [string, StackTemplate[]][] {
  const groups = new Map<string, StackTemplate[]>();
  for (const s of stacks) {
    const env = String(platformMetadata(s)?.environment ?? s.constructPath.split('/')[0]);
    groups.set(env, [...(groups.get(env) ?? []), s]);
  }
  return [...groups.entries()];
}

function platformMetadata(stack: StackTemplate | undefined): PlatformMetadata | undefined {
  return stack ? platformMetadataOf(stack.template) : undefined;
}

interface ValidationReportFile {
  pluginReports?: {
    pluginName: string;
    conclusion: string;
    violations?: { ruleName: string; violatingConstructs?: { constructPath?: string }[] }[];
    suppressedViolations?: {
      ruleName: string;
      reason?: string;
      acknowledgedId?: string;
      acknowledgedAt?: string;
      violatingConstructs?: { constructPath?: string }[];
    }[];
  }[];
}

/** Stock-pack results and every acknowledgment, from the validation report CDK writes beside the templates. */
function readValidationReport(
  outdir: string,
  recorded: Acknowledgments,
): {
  stockPacks: StockPackEvidence[];
  acknowledgments: AcknowledgmentEvidence[];
} {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return { stockPacks: [], acknowledgments: [] };
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ValidationReportFile;
  const acknowledgments: AcknowledgmentEvidence[] = [];
  const stockPacks = (report.pluginReports ?? []).map((p): StockPackEvidence => {
    for (const s of p.suppressedViolations ?? []) {
      acknowledgments.push({
        pack: p.pluginName,
        rule: s.ruleName,
        claim: recorded.all.find((a) => a.id === s.acknowledgedId && a.constructPath === s.acknowledgedAt)?.claim,
        reason: s.reason ?? '',
        resources: (s.violatingConstructs ?? []).map((c) => c.constructPath ?? '?'),
      });
    }
    return {
      pack: p.pluginName,
      conclusion: p.conclusion,
      unacknowledgedViolations: (p.violations ?? []).reduce((n, v) => n + (v.violatingConstructs?.length ?? 1), 0),
      acknowledgedFindings: (p.suppressedViolations ?? []).reduce(
        (n, v) => n + (v.violatingConstructs?.length ?? 1),
        0,
      ),
    };
  });
  return { stockPacks, acknowledgments };
}

function toolVersions(): Record<string, string> {
  const version = (pkg: string): string => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return 'unknown';
    }
  };
  return { 'aws-cdk-lib': version('aws-cdk-lib'), 'cdk-nag': version('cdk-nag') };
}
