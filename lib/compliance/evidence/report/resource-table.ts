import type { ResourceEvidence } from '../evidence-model';
import type { ClaimFacts } from './claim-facts';
import { MarkdownDocument } from './markdown';
import { formatProperties } from './values';

/** The column headers of a resource table; every column but `checks` holds values of the configured account. */
export const RESOURCE_HEADER = ['resources', 'type', 'region', 'values that make it true', 'checks'] as const;

/** Value cells longer than this are cut in the report; the JSON evidence keeps them whole. */
const VALUES_LENGTH = 160;

/**
 * The resources a claim's own checks proved: each by its name in the configured account (or, where CloudFormation
 * names it at deploy, where the templates declare it), the values that make the claim true (resolved: names and
 * ARNs, not intrinsics), and which of the claim's checks (numbered as in its checks table) proved it. Resources of
 * one type with the same values, proved by the same checks, share a row.
 */
export function renderResourceTable(doc: MarkdownDocument, f: ClaimFacts): void {
  const groups = new Map<string, { names: string[]; regions: Set<string>; row: string[] }>();
  for (const { resource, checks } of f.resources) {
    const values = cut(formatProperties(resource));
    const row = ['', resource.type.replace(/^AWS::/, ''), '', values, checks.join(', ')];
    const key = row.join('|');
    const group = groups.get(key) ?? { names: [], regions: new Set<string>(), row };
    group.names.push(nameOf(resource));
    group.regions.add(resource.region ?? '?');
    groups.set(key, group);
  }
  doc.table(
    RESOURCE_HEADER,
    [...groups.values()].map(({ names, regions, row }) => [
      namesCell([...new Set(names)]),
      row[1],
      [...regions].join(', '),
      ...row.slice(3),
    ]),
  );
}

/** A row names at most this many resources; the JSON evidence lists every one. */
const NAMES_SHOWN = 6;

const namesCell = (names: readonly string[]) =>
  names.length > NAMES_SHOWN
    ? `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more (all in the JSON)`
    : names.join(', ');

const cut = (text: string) =>
  text.length > VALUES_LENGTH ? `${text.slice(0, VALUES_LENGTH)}… (whole in the JSON)` : text;

function nameOf(resource: ResourceEvidence): string {
  return resource.name ?? `${resource.stackName}/${resource.logicalId}`;
}
