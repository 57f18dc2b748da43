/**
 * The daily dump check's logic (lib/backup/dump-check/check.js, the function's own code) against the S3 emulator on
 * loopback, on real OpenPGP messages made with openpgp to a generated dump key, to another key, and to both.
 */
import * as crypto from 'crypto';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as openpgp from 'openpgp';
import { checkNewestDump, DumpCheckOptions } from '../../lib/backup/dump-check/check';
import { describeWithEmulator, MotoServer, startMoto } from '../preflight/moto-server';

const BUCKET = 'dumps';
const HOUR = 3_600_000;

describeWithEmulator('the daily dump check, against the S3 emulator', () => {
  let moto: MotoServer;
  let s3: S3Client;
  let dumpKey: openpgp.PublicKey;
  let otherKey: openpgp.PublicKey;
  let expectedKeyIds: string[];

  const encrypt = async (keys: openpgp.PublicKey[], size = 200_000): Promise<Buffer> =>
    Buffer.from(
      await openpgp.encrypt({
        message: await openpgp.createMessage({ binary: crypto.randomBytes(size) }),
        encryptionKeys: keys,
        format: 'binary',
      }),
    );
  /** What dump.sh writes: the dump, then its record (sha256sum's line, the size as metadata). */
  const upload = async (prefix: string, body: Buffer, record: { of?: Buffer; omit?: boolean } = {}) => {
    const key = `${prefix}app-20261206T040000Z.pgdump.gpg`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    if (record.omit) return key;
    const of = record.of ?? body;
    const sum = crypto.createHash('sha256').update(of).digest('hex');
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${key}.sha256`,
        Body: `${sum}  app-20261206T040000Z.pgdump.gpg\n`,
        Metadata: { 'dump-size': String(of.length) },
      }),
    );
    return key;
  };
  const check = (prefix: string, extra: Partial<DumpCheckOptions> = {}) =>
    checkNewestDump({ s3, bucket: BUCKET, prefix, expectedKeyIds, maxAgeHours: 26, ...extra });

  beforeAll(async () => {
    moto = await startMoto();
    s3 = new S3Client({ endpoint: moto.endpoint, region: 'eu-west-1', forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    const gen = async (name: string) =>
      (
        await openpgp.generateKey({
          userIDs: [{ name }],
          type: 'ecc',
          curve: 'curve25519Legacy',
          format: 'object',
        })
      ).publicKey;
    [dumpKey, otherKey] = await Promise.all([gen('dump key'), gen('someone else')]);
    expectedKeyIds = [(await dumpKey.getEncryptionKey()).getKeyID().toHex()];
  });

  afterAll(async () => {
    s3?.destroy();
    await moto?.stop();
  });

  test('passes a fresh, complete dump encrypted to the dump key, and reports what it read', async () => {
    const body = await encrypt([dumpKey]);
    const key = await upload('good/', body);
    const result = await check('good/');
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.dump).toMatchObject({
      key,
      bytes: body.length,
      sha256: crypto.createHash('sha256').update(body).digest('hex'),
      recipientKeyIds: expectedKeyIds,
    });
    // The encryption subkey, not the primary key: the session key packet names the subkey.
    expect(expectedKeyIds[0]).not.toBe(dumpKey.getKeyID().toHex());
  });

  test('fails when the newest dump is older than the window', async () => {
    await upload('stale/', await encrypt([dumpKey]));
    const result = await check('stale/', { now: new Date(Date.now() + 27 * HOUR) });
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      expect.stringMatching(/^the newest dump stale\/app-.* is 2[78](\.\d)? hours old, more than 26$/),
    ]);
  });

  test('fails when the dump is encrypted to another key, naming both key ids', async () => {
    await upload('stranger/', await encrypt([otherKey]));
    const other = (await otherKey.getEncryptionKey()).getKeyID().toHex();
    const result = await check('stranger/');
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      expect.stringContaining(
        `is encrypted to key id ${other}, not to the dump key's encryption subkey ${expectedKeyIds[0]}`,
      ),
    ]);
  });

  test('fails when the dump is encrypted to the dump key and also to another key', async () => {
    await upload('both/', await encrypt([dumpKey, otherKey]));
    const result = await check('both/');
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.stringContaining('is encrypted to key id')]);
  });

  test('fails when the object is truncated: its size and digest differ from the record made at upload', async () => {
    const body = await encrypt([dumpKey]);
    await upload('truncated/', body.subarray(0, body.length - 1000), { of: body });
    const result = await check('truncated/');
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      expect.stringMatching(new RegExp(`is ${body.length - 1000} bytes; dump.sh recorded ${body.length} at upload$`)),
      expect.stringMatching(/hashes to [0-9a-f]{64}; dump.sh recorded [0-9a-f]{64} at upload$/),
    ]);
  });

  test('fails when there is no dump object', async () => {
    const result = await check('empty/');
    expect(result).toEqual({ ok: false, failures: ['no dump object (*.pgdump.gpg) under s3://dumps/empty/'] });
  });

  test('fails when the digest record is missing (dump.sh writes it only after a successful upload)', async () => {
    await upload('no-record/', await encrypt([dumpKey]), { omit: true });
    const result = await check('no-record/');
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      expect.stringMatching(/^no digest record no-record\/app-.*\.pgdump\.gpg\.sha256/),
    ]);
  });

  test('fails when the object is not an OpenPGP message, or not one encrypted to a public key', async () => {
    // Plain text: its first byte lacks the bit every OpenPGP packet header sets (random bytes sometimes parse as a
    // packet, so they would make this test flaky).
    await upload('noise/', Buffer.from('this is a plain text file, not an OpenPGP message\n'.repeat(100)));
    expect((await check('noise/')).failures).toEqual([expect.stringContaining('is not an OpenPGP message')]);
    const password = Buffer.from(
      await openpgp.encrypt({
        message: await openpgp.createMessage({ binary: crypto.randomBytes(1000) }),
        passwords: ['a symmetric password, no recipient'],
        format: 'binary',
      }),
    );
    await upload('symmetric/', password);
    expect((await check('symmetric/')).failures).toEqual([
      expect.stringContaining('is not a message encrypted to a public key (packet tags 3, 18'),
    ]);
  });

  test('the handler throws on a failed check, so the Errors alarm sees it', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_REGION: 'eu-west-1',
      DUMP_BUCKET: BUCKET,
      DUMP_MAX_AGE_HOURS: '26',
      DUMP_RECIPIENT_KEY_IDS: expectedKeyIds.join(','),
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require('../../lib/backup/dump-check/index.js') as { handler: () => Promise<unknown> };
    try {
      process.env.DUMP_PREFIX = 'good/';
      await expect(handler()).resolves.toMatchObject({ ok: true });
      process.env.DUMP_PREFIX = 'stranger/';
      await expect(handler()).rejects.toThrow(/^dump check failed: .*is encrypted to key id/);
    } finally {
      process.env = saved;
    }
  });
});
