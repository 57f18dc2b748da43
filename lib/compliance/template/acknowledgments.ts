import * as fs from 'fs';
import * as path from 'path';
import { ACKNOWLEDGMENT_CLAIM_METADATA_KEY } from '../../core/acknowledge';
import type { ClaimId } from '../../core/claims/claim';

/** CDK's metadata type for `Validations.of(x).acknowledge(...)`. */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/** One acknowledgment as the synthesized assembly records it. */
export interface RecordedAcknowledgment {
  /** The id CDK matches against findings: `<pack>::<rule>`, for example `Claims::Claims-HA1-...[...]`. */
  readonly id: string;
  /** Construct path it was made on; it covers that construct and everything below it. */
  readonly constructPath: string;
  readonly reason: string;
  readonly claim?: ClaimId;
}

/**
 * Every acknowledgment of a cloud assembly, read from the `.metadata.json` file CDK writes beside each template
 * (the claim comes from the acknowledgment helper's own entry), and matched to findings as CDK's validation does:
 * the closest acknowledging ancestor of the violating construct wins.
 */
export class Acknowledgments {
  /** Reads every `*.metadata.json` under `dir`, nested stage assemblies included. */
  static fromDirectory(dir: string): Acknowledgments {
    return new Acknowledgments(readDirectory(dir));
  }

  constructor(readonly all: readonly RecordedAcknowledgment[]) {}

  /** The acknowledgment of finding `id` that covers the construct at `constructPath`, if any. */
  covering(id: string, constructPath: string | undefined): RecordedAcknowledgment | undefined {
    if (constructPath === undefined) return undefined;
    const byPath = new Map(this.all.filter((a) => a.id === id).map((a) => [a.constructPath, a]));
    for (let p = constructPath; ; p = p.substring(0, p.lastIndexOf('/'))) {
      const found = byPath.get(p);
      if (found) return found;
      if (!p.includes('/')) return undefined;
    }
  }
}

type MetadataFile = Record<string, { type: string; data?: unknown }[]>;

function readDirectory(dir: string): RecordedAcknowledgment[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return readDirectory(file);
    if (!entry.name.endsWith('.metadata.json')) return [];
    return readMetadataFile(JSON.parse(fs.readFileSync(file, 'utf8')) as MetadataFile);
  });
}

/** The acknowledgments of one stack's metadata file. */
export function readMetadataFile(metadata: MetadataFile): RecordedAcknowledgment[] {
  return Object.entries(metadata).flatMap(([rawPath, entries]) => {
    const constructPath = rawPath.replace(/^\//, '');
    const claims = Object.assign(
      {},
      ...entries.filter((e) => e.type === ACKNOWLEDGMENT_CLAIM_METADATA_KEY).map((e) => e.data),
    ) as Record<string, ClaimId>;
    return entries
      .filter((e) => e.type === ACKNOWLEDGED_RULES)
      .flatMap((e) =>
        Object.entries(e.data as Record<string, string>).map(([id, reason]) => ({
          id,
          constructPath,
          reason,
          claim: claims[id],
        })),
      );
  });
}
