import { AwsSession } from '../../preflight/session';
import { Reading } from '../fact';

/** The newest object of the dump bucket (`ListObjectsV2`, every page): its LastModified is the newest dump's age. */
export async function readNewestDump(aws: AwsSession, region: string, bucket: string): Promise<Reading> {
  const { S3Client, ListObjectsV2Command } = aws.sdk.s3;
  const s3 = aws.open(new S3Client({ ...aws.config(region), forcePathStyle: aws.emulated }));
  let newest: { Key?: string; LastModified?: Date; Size?: number } | undefined;
  let count = 0;
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken }));
    for (const o of page.Contents ?? []) {
      count++;
      if (o.LastModified && (!newest?.LastModified || o.LastModified > newest.LastModified)) newest = o;
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  if (!newest) return { region, subject: bucket, good: false, detail: 'holds no dump object' };
  return {
    region,
    subject: bucket,
    good: true,
    asOf: newest.LastModified,
    detail: `newest dump ${newest.Key ?? '?'} (${newest.Size ?? '?'} bytes, ${count} object${count === 1 ? '' : 's'})`,
  };
}
