import * as fs from 'fs';
import * as path from 'path';
import { ASSEMBLY_CHECKS, AssemblyCheck } from '../assembly';
import { PlatformAssembly, StackTemplate } from '../assembly/platform-assembly';
import { PlatformMetadata, platformMetadataOf } from '../assembly/platform-metadata';
import { runAssemblyChecks, RecordedAssemblyResult } from '../assembly/run-assembly-checks';
import { ACKNOWLEDGMENT_CLAIM_METADATA_KEY } from '../../core/acknowledge';
import type { ClaimId } from '../../core/claims/claim';
import { Claim } from '../../core/claims/claim';
import { CLAIMS } from '../../core/claims/register';
import { CLAIMS_ASSEMBLY_PLUGIN_NAME } from '../packs/claims-assembly-checks';
import { CLAIMS_PACK_NAME } from '../packs/claims-checks';
import { analyseRedundancy } from '../redundancy/analyse-redundancy';
import { CLAIM_RULES, ClaimRule } from '../rules';
import { evaluateClaimRules, RuleResult } from './evaluate-claim-rules';
import {
  AcknowledgmentEvidence,
  CheckEvidence,
  ClaimEvidence,
  ClaimStatus,
  EnvironmentEvidence,
  EvidenceReport,
  ResourceEvidence,
  StockPackEvidence,
} from './evidence-model';
import { OPT_OUT_CLAIMS } from './opt-out-claims';

export interface CollectEvidenceOptions {
  /** The cloud assembly directory (`cdk.out`). */
  readonly outdir: string;
  /** Repository root, to confirm the documents claims cite exist. @default process.cwd() */
  readonly repoRoot?: string;
  /** @default CLAIM_RULES */
  readonly rules?: readonly ClaimRule[];
  /** @default ASSEMBLY_CHECKS */
  readonly assemblyChecks?: readonly AssemblyCheck[];
  /** @default CLAIMS */
  readonly claims?: readonly Claim[];
}

/** Reads a synthesized cloud assembly and judges every claim of every environment in it. */
export function collectEvidence(options: CollectEvidenceOptions): EvidenceReport {
  const rules = options.rules ?? CLAIM_RULES;
  const checks = options.assemblyChecks ?? ASSEMBLY_CHECKS;
  const claims = options.claims ?? CLAIMS;
  const repoRoot = options.repoRoot ?? process.cwd();
  const assembly = PlatformAssembly.fromDirectory(options.outdir);
  const validation = readValidationReport(options.outdir);
  const acknowledgments = validation.acknowledgments;

  const environments = groupByEnvironment(assembly.stacks).map(([environment, stacks]): EnvironmentEvidence => {
    const envAssembly = new PlatformAssembly(stacks);
    const ruleResults = evaluateClaimRules(envAssembly, rules);
    const checkResults = runAssemblyChecks(envAssembly, checks);
    const meta = platformMetadata(stacks[0]);
    const optOuts = meta?.optOuts ?? {};
    const envPrefix = `${environment}/`;
    return {
      environment,
      primaryRegion: meta?.primaryRegion,
      recoveryRegion: meta?.recoveryRegion,
      stacks: stacks.map((s) => ({
        stackName: s.stackName,
        region: s.region,
        resources: Object.keys(s.template.Resources ?? {}).length,
      })),
      optOuts,
      redundancy: analyseRedundancy(envAssembly),
      claims: claims.map((claim) =>
        judgeClaim({
          claim,
          rules: rules.filter((r) => r.claims.includes(claim.id)),
          checks: checks.filter((c) => c.claims.includes(claim.id)),
          ruleResults,
          checkResults,
          acknowledgments: acknowledgments.filter(
            (a) => a.claim === claim.id && a.resources.some((r) => r.startsWith(envPrefix) || !r.includes('/')),
          ),
          optOuts,
          repoRoot,
        }),
      ),
    };
  });

  const allClaims = environments.flatMap((e) => e.claims);
  const byStatus: Record<string, number> = {};
  for (const c of allClaims) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  return {
    title: 'Security evidence: claims of the security overview, the resources that carry them, and their checks',
    toolVersions: toolVersions(),
    environments,
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
  readonly rules: readonly ClaimRule[];
  readonly checks: readonly AssemblyCheck[];
  readonly ruleResults: readonly RuleResult[];
  readonly checkResults: readonly RecordedAssemblyResult[];
  readonly acknowledgments: readonly AcknowledgmentEvidence[];
  readonly optOuts: Record<string, unknown>;
  readonly repoRoot: string;
}

function judgeClaim(input: JudgeInput): ClaimEvidence {
  const { claim } = input;
  const checkEvidence: CheckEvidence[] = [
    ...input.rules.map((rule) => {
      const results = input.ruleResults.filter((r) => r.ruleId === rule.id);
      return summarise(
        `${CLAIMS_PACK_NAME}-${rule.id}`,
        'pack rule',
        rule.explanation,
        results,
        (r) => `${r.stackName}/${r.logicalId} (${r.type})${r.detail ? `: ${r.detail}` : ''}`,
      );
    }),
    ...input.checks.map((check) => {
      const results = input.checkResults.filter((r) => r.checkId === check.id);
      const describe = (r: RecordedAssemblyResult) =>
        `${r.resource ? `${r.resource.stackName}/${r.resource.logicalId}: ` : ''}${r.detail}`;
      const summary = summarise(
        `${CLAIMS_ASSEMBLY_PLUGIN_NAME}-${check.id}`,
        'app-wide check',
        check.description,
        results,
        describe,
      );
      return check.listPassingResults
        ? { ...summary, passes: results.filter((r) => r.status === 'pass').map(describe) }
        : summary;
    }),
  ];
  const documents = (claim.documents ?? []).map((p) => ({
    path: p,
    present: fs.existsSync(path.join(input.repoRoot, p)),
  }));
  const optOuts = Object.entries(OPT_OUT_CLAIMS)
    .filter(([key, { claim: c }]) => c === claim.id && input.optOuts[key] !== undefined && input.optOuts[key] !== false)
    .map(([key, { effect }]) => `optOuts.${key} = ${JSON.stringify(input.optOuts[key])}: ${effect}`);
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
  };
}

function summarise<T extends { status: string }>(
  id: string,
  kind: CheckEvidence['kind'],
  description: string,
  results: readonly T[],
  describe: (r: T) => string,
): CheckEvidence {
  return {
    id,
    kind,
    description,
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    acknowledged: results.filter((r) => r.status === 'acknowledged').length,
    weakened: results.filter((r) => r.status === 'weakened').length,
    failures: results.filter((r) => r.status === 'fail').map(describe),
    weakenings: results.filter((r) => r.status === 'weakened').map(describe),
  };
}

/**
 * A claim is proven only when it has checks, every check judged something, nothing failed, and no opt-out or
 * acknowledged claims finding weakens it.
 */
function statusOf(
  claim: Claim,
  checks: readonly CheckEvidence[],
  documents: readonly { path: string; present: boolean }[],
): [ClaimStatus, string] {
  if (claim.kind === 'organisational')
    return ['organisational', 'a promise about people and process; not provable by infrastructure'];
  if (claim.kind === 'inherited') return ['inherited', 'made true by a provider, not by resources declared here'];
  if (checks.length === 0) return ['not implemented', 'no check of this claim exists yet'];
  const failing = checks.filter((c) => c.failed > 0);
  if (failing.length > 0) return ['FAILING', `failed: ${failing.map((c) => c.id).join(', ')}`];
  const empty = checks.filter((c) => c.passed + c.acknowledged + c.weakened === 0);
  if (empty.length > 0) return ['FAILING', `found nothing to judge: ${empty.map((c) => c.id).join(', ')}`];
  const missing = documents.filter((d) => !d.present);
  if (missing.length > 0) return ['FAILING', `missing documents: ${missing.map((d) => d.path).join(', ')}`];
  // An opt-out, or an acknowledged finding of the claims pack itself, is an accepted exception to the claim:
  // the claim then holds only at reduced strength, and says so.
  const weakenings = checks.flatMap((c) => c.weakenings);
  const exceptions = checks
    .filter((c) => c.acknowledged > 0)
    .map((c) => `${c.id} acknowledged on ${c.acknowledged} resource(s)`);
  if (weakenings.length + exceptions.length > 0) {
    return [
      'weakened',
      `true only at reduced strength, by explicit decision: ${[...weakenings, ...exceptions].join('; ')}`,
    ];
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
      properties: {},
      checks: [],
    };
    Object.assign(entry.properties, props);
    if (!entry.checks.includes(check)) entry.checks.push(check);
    byKey.set(key, entry);
  };
  const ruleIds = new Set(input.rules.map((r) => r.id));
  for (const r of input.ruleResults)
    if (ruleIds.has(r.ruleId) && r.status === 'pass') add(r, `${CLAIMS_PACK_NAME}-${r.ruleId}`, r.properties);
  const checkIds = new Set(input.checks.map((c) => c.id));
  for (const r of input.checkResults) {
    if (checkIds.has(r.checkId) && r.status === 'pass' && r.resource)
      add(r.resource, `${CLAIMS_ASSEMBLY_PLUGIN_NAME}-${r.checkId}`, {});
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
function readValidationReport(outdir: string): {
  stockPacks: StockPackEvidence[];
  acknowledgments: AcknowledgmentEvidence[];
} {
  const file = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(file)) return { stockPacks: [], acknowledgments: [] };
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as ValidationReportFile;
  const claims = acknowledgmentClaims(outdir);
  const acknowledgments: AcknowledgmentEvidence[] = [];
  const stockPacks = (report.pluginReports ?? []).map((p): StockPackEvidence => {
    for (const s of p.suppressedViolations ?? []) {
      acknowledgments.push({
        pack: p.pluginName,
        rule: s.ruleName,
        claim: claims.get(`${s.acknowledgedAt ?? ''}#${s.acknowledgedId ?? ''}`),
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

/** `<construct path>#<acknowledged id>` -> claim, from the acknowledgment metadata of every stack. */
function acknowledgmentClaims(dir: string): Map<string, ClaimId> {
  const claims = new Map<string, ClaimId>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      for (const [k, v] of acknowledgmentClaims(file)) claims.set(k, v);
      continue;
    }
    if (!entry.name.endsWith('.metadata.json')) continue;
    const metadata = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { type: string; data?: unknown }[]>;
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const e of entries) {
        if (e.type !== ACKNOWLEDGMENT_CLAIM_METADATA_KEY) continue;
        for (const [id, claim] of Object.entries(e.data as Record<string, ClaimId>)) {
          claims.set(`${constructPath.replace(/^\//, '')}#${id}`, claim);
        }
      }
    }
  }
  return claims;
}
