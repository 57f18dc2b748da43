import { createHash } from 'crypto';

/** RFC 4122's URL namespace; OSCAL accepts version 4 and version 5 UUIDs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based (SHA-1, version 5) UUID: the same name in the same namespace always gives the same UUID. */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The namespace of every UUID the evidence's OSCAL files carry. */
export const OSCAL_UUID_NAMESPACE = uuidV5('urn:pocketcity:secure-platform:oscal');

/** The UUID of `name` in the evidence's namespace: subjects keep theirs across runs, as OSCAL asks. */
export const oscalUuid = (name: string): string => uuidV5(name, OSCAL_UUID_NAMESPACE);
