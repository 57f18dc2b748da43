import type { DocumentEvidence } from '../evidence-model';

/** What the documents a claim cites do to its verdict: a missing file or section fails it, our copy weakens it. */
export interface DocumentVerdict {
  readonly failing?: string;
  readonly weakened?: string;
}

/**
 * A missing document, or one without a required section (each named), fails the claim. A document judged from the
 * package's own copy is PocketCITY's page, not the consumer's: it proves nothing about the consumer's process, so
 * the claim is weakened (and `--strict` fails) until `--docs DIR` names the consumer's own.
 */
export function documentVerdict(documents: readonly DocumentEvidence[]): DocumentVerdict {
  const missing = documents.filter((d) => !d.present);
  if (missing.length > 0) return { failing: `missing documents: ${missing.map((d) => d.location).join(', ')}` };
  const incomplete = documents
    .map((d) => ({ d, lacking: (d.sections ?? []).filter((s) => s.problem !== undefined) }))
    .filter(({ lacking }) => lacking.length > 0);
  if (incomplete.length > 0)
    return {
      failing: incomplete
        .map(({ d, lacking }) => `${d.location} lacks ${lacking.map((s) => `"${s.name}" (${s.problem})`).join(', ')}`)
        .join('; '),
    };
  const ours = documents.filter((d) => d.source === 'package default');
  if (ours.length > 0)
    return {
      weakened: `judged on PocketCITY's own document, not yours: ${ours.map((d) => d.location).join(', ')} (name your own folder with --docs DIR)`,
    };
  return {};
}
