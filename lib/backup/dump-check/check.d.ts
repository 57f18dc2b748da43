/** Types of check.js (plain JS, shipped as the function's code without a build step). */
import type { S3Client } from '@aws-sdk/client-s3';

export interface DumpCheckOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** Where the dumps are, `postgres/`. */
  readonly prefix: string;
  /** 16 hex digits each: the encryption subkey ids a dump may be encrypted to. */
  readonly expectedKeyIds: readonly string[];
  readonly maxAgeHours: number;
  /** @default - the time of the call */
  readonly now?: Date;
}

export interface DumpCheckResult {
  readonly ok: boolean;
  /** One sentence per failed property, naming the object. */
  readonly failures: string[];
  readonly dump?: {
    readonly key: string;
    readonly lastModified: string;
    readonly ageHours: number;
    readonly bytes?: number;
    readonly sha256?: string;
    readonly recipientKeyIds?: string[];
  };
}

export function checkNewestDump(options: DumpCheckOptions): Promise<DumpCheckResult>;
export const DUMP_SUFFIX: string;
export const DIGEST_SUFFIX: string;
export const SIZE_METADATA: string;
