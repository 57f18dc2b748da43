import * as fs from 'fs';
import * as path from 'path';
import { documentRequirement } from '../../core/requirements/documents';
import type { DocumentEvidence } from './evidence-model';
import { judgeDocument } from './documents/judge-document';

/** The folder the claims register's document paths start with (`docs/security-response.md`). */
const DOCS_PREFIX = 'docs/';

/**
 * Where the documents a claim cites were found. With `documentsDir` (the consumer's own folder, laid out as the
 * package's `docs/`: `security-response.md`, `runbooks/breach-notification.md`) every document must be there: a
 * folder that was named but lacks one is a missing document, never a silent fall back. Without it, the package's own
 * copies (shipped in its `files`) are judged, and the evidence says so. A document core has requirements of
 * (lib/core/requirements/documents.ts) is judged by its content: each required section as found.
 */
export function locateDocuments(cited: readonly string[], documentsDir?: string): DocumentEvidence[] {
  return cited.map((p) => {
    const inDocs = p.startsWith(DOCS_PREFIX) ? p.slice(DOCS_PREFIX.length) : p;
    if (documentsDir !== undefined) {
      const location = path.join(documentsDir, inDocs);
      return { path: p, source: 'given', location, ...judged(p, location) };
    }
    const pkg = ownPackage();
    return { path: p, source: 'package default', location: `${pkg.name}/${p}`, ...judged(p, path.join(pkg.root, p)) };
  });
}

/** Whether the file is there and, for a document core has requirements of, each required section as found. */
function judged(cited: string, file: string): Pick<DocumentEvidence, 'present' | 'sections'> {
  if (!fs.existsSync(file)) return { present: false };
  const requirement = documentRequirement(cited);
  return requirement
    ? { present: true, sections: judgeDocument(requirement, fs.readFileSync(file, 'utf8')) }
    : { present: true };
}

let cached: { root: string; name: string } | undefined;

/** This library's package root (the repository, or node_modules/@pocketcity/secure-platform once installed). */
function ownPackage(): { root: string; name: string } {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      // dist/ and lib/ hold no package.json; the first one up is the library's own.
      if (name) return (cached = { root: dir, name });
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}
