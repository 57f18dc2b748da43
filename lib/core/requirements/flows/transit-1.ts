import { claimFlows } from './flow-requirement';

const EVERY_BUCKET = { type: 'AWS::S3::Bucket' } as const;

/** TRANSIT-1: no bucket answers a request without TLS, or over TLS older than 1.2, even an administrator's. */
export const TRANSIT_1_FLOWS = claimFlows('TRANSIT-1', {
  forbidden: [
    {
      id: 'no-plain-http-to-objects',
      description: 'No request without TLS reads or writes an object of any bucket, even by an administrator',
      principal: { accountAdministrator: true },
      actions: ['s3:GetObject', 's3:PutObject'],
      resource: { resource: EVERY_BUCKET, part: 'objects' },
      context: { 'aws:SecureTransport': 'false' },
    },
    {
      id: 'no-plain-http-to-buckets',
      description: 'No request without TLS lists any bucket, even by an administrator',
      principal: { accountAdministrator: true },
      actions: ['s3:ListBucket'],
      resource: { resource: EVERY_BUCKET },
      context: { 'aws:SecureTransport': 'false' },
    },
    {
      id: 'no-old-tls-to-objects',
      description: 'No request over TLS 1.1 reads or writes an object of any bucket, even by an administrator',
      principal: { accountAdministrator: true },
      actions: ['s3:GetObject', 's3:PutObject'],
      resource: { resource: EVERY_BUCKET, part: 'objects' },
      context: { 's3:TlsVersion': '1.1' },
    },
  ],
});
