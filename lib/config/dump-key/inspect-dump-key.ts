import { readKey } from 'openpgp';

/** How long the dump key must stay usable from the moment the config is judged. */
export const DUMP_KEY_MIN_VALIDITY_DAYS = 366;

/** What OpenPGP says about the dump key, judged at one moment: the facts the config rule and the evidence need. */
export interface DumpKeyFacts {
  /** Set when openpgp could not read the text as a key; its words. */
  readonly unreadable?: string;
  /** Fingerprint of the primary key (hex, lower case). */
  readonly fingerprint?: string;
  /** True when the text is a private (secret) key. */
  readonly isPrivate?: boolean;
  /** Fingerprint of the key or subkey openpgp would encrypt to at `now`; absent when none is usable. */
  readonly encryptionKeyFingerprint?: string;
  /** Why no encryption key is usable at `now` (openpgp's words). */
  readonly noEncryptionKeyNow?: string;
  /** When that encryption key stops being usable (ISO 8601), or 'never'. */
  readonly encryptionKeyExpires?: string;
  /** Why no encryption key is usable `DUMP_KEY_MIN_VALIDITY_DAYS` after `now` (openpgp's words). */
  readonly noEncryptionKeyLater?: string;
}

/** Reads the armored key with openpgp and reports the facts at `now` (ISO 8601). */
export async function inspectDumpKey(armoredKey: string, now: string): Promise<DumpKeyFacts> {
  let key;
  try {
    key = await readKey({ armoredKey });
  } catch (e) {
    return { unreadable: messageOf(e) };
  }
  const at = new Date(now);
  const later = new Date(at.getTime() + DUMP_KEY_MIN_VALIDITY_DAYS * 24 * 3600 * 1000);
  const facts = { fingerprint: key.getFingerprint(), isPrivate: key.isPrivate() };
  let encryptionKey;
  try {
    encryptionKey = await key.getEncryptionKey(undefined, at);
  } catch (e) {
    return { ...facts, noEncryptionKeyNow: messageOf(e) };
  }
  // The usable lifetime ends with the earlier of the primary key's and the subkey's expiry.
  const ends = [await key.getExpirationTime(), await encryptionKey.getExpirationTime()]
    .filter((t): t is Date => t instanceof Date)
    .map((t) => t.getTime());
  const encryptionKeyExpires = ends.length ? new Date(Math.min(...ends)).toISOString() : 'never';
  let noEncryptionKeyLater: string | undefined;
  try {
    await key.getEncryptionKey(undefined, later);
  } catch (e) {
    noEncryptionKeyLater = messageOf(e);
  }
  return {
    ...facts,
    encryptionKeyFingerprint: encryptionKey.getFingerprint(),
    encryptionKeyExpires,
    ...(noEncryptionKeyLater ? { noEncryptionKeyLater } : {}),
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
