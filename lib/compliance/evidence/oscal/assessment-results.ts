import { FrameworkControls, nistControlId } from '../../../core/frameworks';
import type { ClaimEvidence, ClaimStatus, EnvironmentEvidence, EvidenceReport } from '../evidence-model';
import { checkControls, checkIdOf } from './check-controls';
import { assemblyKey, metadata, prop, templateLinks, templateResources } from './oscal-common';
import { oscalUuid } from './uuid-v5';

const PLAN_RESOURCE = oscalUuid('assessment-plan:claims-register-and-checks');

/**
 * The OSCAL assessment results: per environment one result, with one observation per check result (the check of a
 * claim, its counts and what failed) and one finding per claim with its verdict; the evidence links to the templates
 * by digest. The plan is the claims register and the checks, named in the back matter.
 */
export function assessmentResults(report: EvidenceReport): object {
  return {
    'assessment-results': {
      uuid: oscalUuid(`assessment-results:${assemblyKey(report)}`),
      metadata: metadata(report, `${report.title}: assessment results`),
      'import-ap': { href: `#${PLAN_RESOURCE}` },
      results: report.environments.map((env) => result(report, env)),
      'back-matter': {
        resources: [
          {
            uuid: PLAN_RESOURCE,
            title: 'Assessment plan: the claims register and the claims checks of secure-platform',
            description:
              'Every claim of the security page (lib/core/claims/register.ts) is assessed by the checks of the ' +
              'claims pack (lib/compliance/registry.ts), run on the synthesized templates; security-evidence.json ' +
              'beside this file has every result.',
            rlinks: [{ href: 'security-evidence.json', 'media-type': 'application/json' }],
          },
          ...report.environments.flatMap((env) => templateResources(env)),
        ],
      },
    },
  };
}

function result(report: EvidenceReport, env: EnvironmentEvidence): object {
  const at = report.identity.generatedAt;
  const observations = env.claims.flatMap((claim) =>
    claim.checks.map((check) => ({
      uuid: observationUuid(env, claim, check.id),
      title: `${checkIdOf(check.id)} (${claim.id})`,
      description: check.description,
      props: [
        prop('check-id', checkIdOf(check.id)),
        prop('claim-id', claim.id),
        prop('passed', String(check.passed)),
        prop('failed', String(check.failed)),
        prop('acknowledged', String(check.acknowledged)),
        prop('weakened', String(check.weakened)),
        ...controlProps(checkControls(check.id, claim.id)),
      ],
      methods: ['TEST'],
      collected: at,
      ...(check.failures.length + check.weakenings.length > 0
        ? { remarks: [...check.failures, ...check.weakenings].join('\n') }
        : {}),
    })),
  );
  const controls = [...new Set(env.claims.flatMap((c) => nistLabels(c)))].map((label) => nistControlId(label));
  return {
    uuid: oscalUuid(`result:${env.environment}`),
    title: `Claims of the security page, environment ${env.environment}`,
    description: `Each claim judged by its checks on the synthesized templates of ${env.environment}.`,
    start: at,
    end: at,
    props: [prop('environment', env.environment)],
    links: templateLinks(env),
    'reviewed-controls': {
      'control-selections': [
        controls.length > 0
          ? { 'include-controls': controls.sort().map((id) => ({ 'control-id': id })) }
          : { 'include-all': {} },
      ],
    },
    ...(observations.length > 0 ? { observations } : {}),
    findings: env.claims.map((claim) => finding(env, claim)),
  };
}

function finding(env: EnvironmentEvidence, claim: ClaimEvidence): object {
  const [state, reason] = objectiveState(claim.status);
  return {
    uuid: oscalUuid(`finding:${env.environment}:${claim.id}`),
    title: `${claim.id}: ${claim.title}`,
    description: `“${claim.seedSentence}” ${claim.status}: ${claim.statusReason}`,
    props: [prop('claim-id', claim.id), prop('verdict', claim.status), ...controlProps(claim.controls ?? [])],
    target: {
      type: 'objective-id',
      'target-id': claim.id,
      title: claim.title,
      description: `True when: ${claim.trueWhen}`,
      status: { state, reason, remarks: `${claim.status}: ${claim.statusReason}` },
    },
    ...(claim.checks.length > 0
      ? {
          'related-observations': claim.checks.map((check) => ({
            'observation-uuid': observationUuid(env, claim, check.id),
          })),
        }
      : {}),
  };
}

/** Satisfied only where the infrastructure proves the claim; inherited and organisational claims are not assessed here. */
function objectiveState(status: ClaimStatus): ['satisfied' | 'not-satisfied', 'pass' | 'fail' | 'other'] {
  if (status === 'proven' || status === 'exceeds claim') return ['satisfied', 'pass'];
  if (status === 'FAILING' || status === 'not implemented') return ['not-satisfied', 'fail'];
  return ['not-satisfied', 'other'];
}

/** One property per framework: `NIST SP 800-53 rev5: SC-28 SC-28(1)` (the ids of the evidence JSON's `controls`). */
const controlProps = (controls: readonly FrameworkControls[]) =>
  controls.map((c) => prop('framework-controls', `${c.framework}: ${c.ids.join(' ')}`));

const nistLabels = (claim: ClaimEvidence): readonly string[] =>
  (claim.controls ?? []).find((c) => c.framework === 'NIST SP 800-53 rev5')?.ids ?? [];

const observationUuid = (env: EnvironmentEvidence, claim: ClaimEvidence, checkId: string): string =>
  oscalUuid(`observation:${env.environment}:${claim.id}:${checkIdOf(checkId)}`);
