import type { EvidenceReport } from '../evidence-model';
import { MarkdownDocument } from './markdown';

/** Markers around what changes with every run (time, commit, digests); `--check-committed` compares outside them. */
export const IDENTITY_BEGIN = '<!-- identity:begin -->';
export const IDENTITY_END = '<!-- identity:end -->';

/** Who made the report, when, with what command and versions, from which templates. */
export function renderIdentity(doc: MarkdownDocument, report: EvidenceReport, command: string): void {
  const { identity } = report;
  const rows: string[][] = [
    ['made by', `\`${command}\``],
    ['generated at', identity.generatedAt],
    ['commit', identity.commit ?? 'not a git checkout'],
    ...Object.entries(identity.versions).map(([name, version]) => [name, version]),
  ];
  for (const env of report.environments) {
    rows.push([
      `\`${env.environment}\` account, regions`,
      `${env.account ?? '?'}, ${env.primaryRegion ?? '?'} + ${env.recoveryRegion ?? '?'}`,
    ]);
    rows.push([`\`${env.environment}\` config sha256`, env.configDigest ?? '?']);
    rows.push([`\`${env.environment}\` dump key fingerprint`, env.dumpKeyFingerprint ?? '?']);
    for (const s of env.stacks) rows.push([`\`${env.environment}\` ${s.templateFile} sha256`, s.sha256 ?? '?']);
  }
  for (const stray of report.strayStacks)
    rows.push([
      'stack outside every PlatformStage',
      `${stray.stackName} (${stray.constructPath}): escapes ${stray.escapes.join(', ')}`,
    ]);
  doc.block(IDENTITY_BEGIN);
  doc.table(['identity', ''], rows);
  doc.block(IDENTITY_END);
}
