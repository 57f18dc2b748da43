import { createHash } from 'crypto';
import type { EnvironmentEvidence, EvidenceReport } from '../evidence-model';
import { oscalUuid } from './uuid-v5';

/** The OSCAL version the files are written in: the newest that compliance-trestle (pinned in CI) implements. */
export const OSCAL_VERSION = '1.2.1';

/** The namespace of the properties OSCAL does not define (claim ids, check ids, verdicts). */
export const PROPERTY_NS = 'urn:pocketcity:secure-platform';

/** Where the NIST SP 800-53 rev 5 catalog is published (the control ids below are its). */
export const NIST_CATALOG_HREF =
  'https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json';

export interface OscalProperty {
  readonly name: string;
  readonly value: string;
  readonly ns?: string;
}

export const prop = (name: string, value: string): OscalProperty => ({ name, ns: PROPERTY_NS, value });

/** A digest of every template digest: the same assembly gives the same key, and the documents' UUIDs from it. */
export function assemblyKey(report: EvidenceReport): string {
  const digests = report.environments.flatMap((e) => e.stacks.map((s) => `${s.stackName}=${s.sha256 ?? 'missing'}`));
  return createHash('sha256').update(digests.sort().join('\n')).digest('hex');
}

/** The UUID of the back-matter resource naming one template file and its SHA-256. */
export const templateResourceUuid = (env: string, stackName: string): string =>
  oscalUuid(`template:${env}:${stackName}`);

/** One back-matter resource per template, with the digest the report certified, for links to point at. */
export function templateResources(env: EnvironmentEvidence): object[] {
  return env.stacks.map((s) => ({
    uuid: templateResourceUuid(env.environment, s.stackName),
    title: `CloudFormation template of ${s.stackName}${s.region ? ` (${s.region})` : ''}, environment ${env.environment}`,
    props: [prop('environment', env.environment), prop('stack-name', s.stackName)],
    rlinks: [
      {
        href: s.templateFile,
        'media-type': 'application/json',
        ...(s.sha256 ? { hashes: [{ algorithm: 'SHA-256', value: s.sha256 }] } : {}),
      },
    ],
  }));
}

/** Links from a subject to the templates of its environment. */
export const templateLinks = (env: EnvironmentEvidence): object[] =>
  env.stacks.map((s) => ({ href: `#${templateResourceUuid(env.environment, s.stackName)}`, rel: 'reference' }));

/** Metadata: the one time is the report identity's; the version is the library's, with the commit when known. */
export function metadata(report: EvidenceReport, title: string): object {
  const [library, version] = Object.entries(report.identity.versions)[0] ?? ['secure-platform', 'unknown'];
  return {
    title,
    'last-modified': report.identity.generatedAt,
    version: `${library} ${version}${report.identity.commit ? ` (${report.identity.commit})` : ''}`,
    'oscal-version': OSCAL_VERSION,
  };
}
