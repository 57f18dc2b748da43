'use strict';
// Handler of GpgDumpCheck, started daily by EventBridge Scheduler. A failed check throws: the invocation counts in
// the function's Errors metric, whose alarm publishes to the alert topic (the platform's alerts are alarms and rules).
const { S3Client } = require('@aws-sdk/client-s3');
const { checkNewestDump } = require('./check');

exports.handler = async () => {
  const result = await checkNewestDump({
    // The check's own SHA-256 against dump.sh's record is the integrity check. The SDK's response checksum is left
    // off: a multipart object's stored checksum may be composite, which an emulator reports as a full-object one.
    s3: new S3Client({ responseChecksumValidation: 'WHEN_REQUIRED' }),
    bucket: process.env.DUMP_BUCKET,
    prefix: process.env.DUMP_PREFIX,
    expectedKeyIds: process.env.DUMP_RECIPIENT_KEY_IDS.split(',').filter(Boolean),
    maxAgeHours: Number(process.env.DUMP_MAX_AGE_HOURS),
  });
  console.log(JSON.stringify({ dumpCheck: result.ok ? 'passed' : 'failed', ...result }));
  if (!result.ok) throw new Error(`dump check failed: ${result.failures.join('; ')}`);
  return result;
};
