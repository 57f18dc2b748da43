import { claimById } from '../../../core/claims/register';
import { NIST_800_53_MAPPING, nistControlId, NIST_800_53_REV5_SOURCE } from '../../../core/frameworks';
import type { ClaimEvidence, EnvironmentEvidence, EvidenceReport } from '../evidence-model';
import { checkIdOf, nistLabelsOfCheck } from './check-controls';
import { assemblyKey, metadata, NIST_CATALOG_HREF, prop, templateLinks, templateResources } from './oscal-common';
import { oscalUuid } from './uuid-v5';

/**
 * The OSCAL component definition: each environment's platform as a component, implementing the NIST SP 800-53 rev 5
 * controls its claims map to; each implemented requirement names the claims (with the mapping's reason) and the checks
 * that prove it, and links to the templates by digest.
 */
export function componentDefinition(report: EvidenceReport): object {
  return {
    'component-definition': {
      uuid: oscalUuid(`component-definition:${assemblyKey(report)}`),
      metadata: metadata(report, `${report.title}: component definition`),
      components: report.environments.map((env) => component(env)),
      'back-matter': { resources: report.environments.flatMap((env) => templateResources(env)) },
    },
  };
}

function component(env: EnvironmentEvidence): object {
  const name = env.environment;
  return {
    uuid: oscalUuid(`component:${name}`),
    type: 'software',
    title: `Secure platform, environment ${name}`,
    description:
      'The AWS platform synthesized by the secure-platform CDK library: network, edge, services, data stores, keys, ' +
      'backups and monitoring, whose claims of the security page are checked against its templates.',
    props: [prop('environment', name), ...(env.configDigest ? [prop('config-sha256', env.configDigest)] : [])],
    links: templateLinks(env),
    'control-implementations': [
      {
        uuid: oscalUuid(`control-implementation:${name}:nist-800-53-rev5`),
        source: NIST_CATALOG_HREF,
        description:
          `NIST SP 800-53 rev 5 controls (catalog ${NIST_800_53_REV5_SOURCE.version}) implemented by the platform's ` +
          'claims, as mapped claim by claim in lib/core/frameworks.',
        'implemented-requirements': implementedRequirements(env),
      },
    ],
  };
}

/** One implemented requirement per NIST control any claim maps to, in catalog order. */
function implementedRequirements(env: EnvironmentEvidence): object[] {
  const byControl = new Map<string, ClaimEvidence[]>();
  for (const claim of env.claims)
    for (const label of NIST_800_53_MAPPING[claim.id].ids)
      byControl.set(label, [...(byControl.get(label) ?? []), claim]);
  return [...byControl.entries()]
    .map(([label, claims]) => ({ label, id: nistControlId(label), claims }))
    .sort((a, b) => compareControlIds(a.id, b.id))
    .map(({ label, id, claims }) => {
      const checks = claims.flatMap((c) =>
        c.checks.filter((k) => nistLabelsOfCheck(k.id, c.id).includes(label)).map((k) => checkIdOf(k.id)),
      );
      return {
        uuid: oscalUuid(`implemented-requirement:${env.environment}:${id}`),
        'control-id': id,
        description: claims
          .map((c) => `${c.id} (${claimById(c.id).title}): ${NIST_800_53_MAPPING[c.id].reason}.`)
          .join(' '),
        props: [...claims.map((c) => prop('claim-id', c.id)), ...[...new Set(checks)].map((k) => prop('check-id', k))],
      };
    });
}

/** Catalog order: family, then number, then enhancement (`sc-7` < `sc-7.5` < `sc-8` < `sc-28`). */
function compareControlIds(a: string, b: string): number {
  const parse = (id: string) => {
    const [family, rest] = id.split('-');
    const [base, enhancement] = rest.split('.').map(Number);
    return [family, base, enhancement ?? 0] as const;
  };
  const [fa, ba, ea] = parse(a);
  const [fb, bb, eb] = parse(b);
  return fa.localeCompare(fb) || ba - bb || ea - eb;
}
