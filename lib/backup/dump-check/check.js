'use strict';
// The daily check of the GPG dumps (REST-3), as far as AWS may go without the private key: the newest dump exists,
// is fresh, is an OpenPGP message whose session key is encrypted to the configured key's encryption subkey (and to
// no other key), and is complete (its bytes hash to the digest dump.sh recorded after the upload succeeded).
// Plain CommonJS, shipped without a build step; the tests call checkNewestDump with a client of the S3 emulator.
const crypto = require('crypto');
const { GetObjectCommand, ListObjectsV2Command } = require('@aws-sdk/client-s3');

// openpgp: bundled beside this file in the function's asset; the repository's copy in tests.
let openpgp;
try {
  openpgp = require('./openpgp.min.cjs');
} catch {
  openpgp = require('openpgp');
}

/** What dump.sh names a dump, and the digest record it writes beside it once the dump succeeded. */
const DUMP_SUFFIX = '.pgdump.gpg';
const DIGEST_SUFFIX = '.sha256';
/** The user metadata of the digest record that carries the dump's size in bytes (x-amz-meta-dump-size). */
const SIZE_METADATA = 'dump-size';
/** The leading bytes kept for the packet parse: the session key packets come first and are a few hundred bytes. */
const HEAD_BYTES = 64 * 1024;
/** OpenPGP packet tags (RFC 9580 section 5): the session key packet, and the encrypted data packets it may precede. */
const PKESK = 1;
const ENCRYPTED_DATA = new Set([18, 20]);

/**
 * @param {object} options
 * @param {import('@aws-sdk/client-s3').S3Client} options.s3
 * @param {string} options.bucket
 * @param {string} options.prefix where the dumps are ('postgres/')
 * @param {string[]} options.expectedKeyIds 16 hex digits each: the encryption subkey ids a dump may be encrypted to
 * @param {number} options.maxAgeHours how old the newest dump may be
 * @param {Date} [options.now]
 * @returns {Promise<{ ok: boolean, failures: string[], dump?: object }>}
 */
async function checkNewestDump({ s3, bucket, prefix, expectedKeyIds, maxAgeHours, now = new Date() }) {
  const expected = new Set(expectedKeyIds.map((k) => k.toLowerCase()));
  const newest = await newestDump(s3, bucket, prefix);
  if (!newest) return { ok: false, failures: [`no dump object (*${DUMP_SUFFIX}) under s3://${bucket}/${prefix}`] };
  const failures = [];
  const ageHours = (now.getTime() - newest.LastModified.getTime()) / 3_600_000;
  const dump = { key: newest.Key, lastModified: newest.LastModified.toISOString(), ageHours: round(ageHours) };
  if (ageHours > maxAgeHours) {
    failures.push(`the newest dump ${newest.Key} is ${round(ageHours)} hours old, more than ${maxAgeHours}`);
  }

  const record = await digestRecord(s3, bucket, newest.Key);
  if (record.problem) failures.push(record.problem);

  const read = await readDump(s3, bucket, newest.Key);
  Object.assign(dump, { bytes: read.bytes, sha256: read.sha256 });
  if (!record.problem) {
    if (record.size !== read.bytes) {
      failures.push(`${newest.Key} is ${read.bytes} bytes; dump.sh recorded ${record.size} at upload`);
    }
    if (record.sha256 !== read.sha256) {
      failures.push(`${newest.Key} hashes to ${read.sha256}; dump.sh recorded ${record.sha256} at upload`);
    }
  }

  const recipients = await recipientsOf(read.head);
  Object.assign(dump, { recipientKeyIds: recipients.keyIds });
  if (recipients.problem) failures.push(`${newest.Key} ${recipients.problem}`);
  else {
    const strangers = recipients.keyIds.filter((k) => !expected.has(k));
    if (strangers.length > 0 || recipients.keyIds.length === 0) {
      failures.push(
        `${newest.Key} is encrypted to key id ${recipients.keyIds.join(', ') || '(none)'}, not to the dump key's encryption subkey ${[...expected].join(', ')}`,
      );
    }
  }
  return { ok: failures.length === 0, failures, dump };
}

async function newestDump(s3, bucket, prefix) {
  let newest;
  let token;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (!o.Key.endsWith(DUMP_SUFFIX)) continue;
      if (!newest || o.LastModified > newest.LastModified) newest = o;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return newest;
}

/** The digest record `<key>.sha256`: `sha256sum` output naming the dump, its size in the object's metadata. */
async function digestRecord(s3, bucket, key) {
  const name = `${key}${DIGEST_SUFFIX}`;
  let object;
  try {
    object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: name }));
  } catch (e) {
    if (e && (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)) {
      return { problem: `no digest record ${name}: dump.sh writes it only after the dump and its upload succeeded` };
    }
    throw e;
  }
  const text = await object.Body.transformToString();
  const match = /^([0-9a-f]{64}) [ *](\S+)\n?$/.exec(text);
  const size = Number(object.Metadata?.[SIZE_METADATA]);
  const base = key.slice(key.lastIndexOf('/') + 1);
  if (!match || match[2] !== base || !Number.isInteger(size) || size < 0) {
    return {
      problem: `the digest record ${name} is malformed (want '<sha256>  ${base}' and metadata ${SIZE_METADATA})`,
    };
  }
  return { sha256: match[1], size };
}

/** Streams the object once: its SHA-256, its size, and its first HEAD_BYTES for the packet parse. */
async function readDump(s3, bucket, key) {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = crypto.createHash('sha256');
  const head = [];
  let headBytes = 0;
  let bytes = 0;
  for await (const chunk of object.Body) {
    hash.update(chunk);
    bytes += chunk.length;
    if (headBytes < HEAD_BYTES) {
      head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
      headBytes += head[head.length - 1].length;
    }
  }
  return { sha256: hash.digest('hex'), bytes, head: Buffer.concat(head) };
}

/**
 * The key ids of the message's session key packets, read by openpgp without any private key. The head is handed
 * over as a stream, so openpgp parses the leading packets and leaves the encrypted data packet unread.
 */
async function recipientsOf(head) {
  let message;
  try {
    const bytes = new Uint8Array(head);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    message = await openpgp.readMessage({ binaryMessage: stream });
  } catch (e) {
    return { keyIds: [], problem: `is not an OpenPGP message (${e && e.message ? e.message : e})` };
  }
  const tags = message.packets.map((p) => p.constructor.tag);
  const sessionKeys = tags.findIndex((t) => t !== PKESK);
  if (sessionKeys <= 0 || !ENCRYPTED_DATA.has(tags[sessionKeys])) {
    return {
      keyIds: [],
      problem: `is not a message encrypted to a public key (packet tags ${tags.join(', ')}; want 1 then 18 or 20)`,
    };
  }
  return { keyIds: message.getEncryptionKeyIDs().map((k) => k.toHex().toLowerCase()) };
}

function round(n) {
  return Math.round(n * 10) / 10;
}

module.exports = { checkNewestDump, DUMP_SUFFIX, DIGEST_SUFFIX, SIZE_METADATA };
