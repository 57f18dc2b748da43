import { claimFlows } from './flow-requirement';

/** DATA-4: the service reads and writes the uploads; nothing anonymous reads or lists any bucket. */
export const DATA_4_FLOWS = claimFlows('DATA-4', {
  required: [
    {
      id: 'service-reads-and-writes-uploads',
      description: 'The service task role reads and writes upload objects',
      principal: { role: 'service-task-role' },
      actions: ['s3:GetObject', 's3:PutObject'],
      resource: { resource: { role: 'uploads-bucket' }, part: 'objects', objectKey: 'uploads/flow-proof.bin' },
    },
    {
      id: 'service-lists-uploads',
      description: 'The service task role lists the upload bucket',
      principal: { role: 'service-task-role' },
      actions: ['s3:ListBucket'],
      resource: { resource: { role: 'uploads-bucket' } },
    },
  ],
  forbidden: [
    {
      id: 'no-anonymous-bucket-reads',
      description: 'Nothing anonymous reads an object of any bucket',
      principal: { anonymous: true },
      actions: ['s3:GetObject'],
      resource: { resource: { type: 'AWS::S3::Bucket' }, part: 'objects' },
    },
    {
      id: 'no-anonymous-bucket-listing',
      description: 'Nothing anonymous lists a bucket',
      principal: { anonymous: true },
      actions: ['s3:ListBucket'],
      resource: { resource: { type: 'AWS::S3::Bucket' } },
    },
    {
      id: 'customer-data-not-read-by-other-accounts',
      description: 'No principal of another account reads or lists the uploads or the dumps',
      principal: { principalClass: 'other-account' },
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      resource: { resource: { roles: ['uploads-bucket', 'dumps-bucket'] }, part: 'objects' },
    },
    {
      id: 'customer-data-not-listed-by-other-accounts',
      description: 'No principal of another account lists the uploads or the dumps',
      principal: { principalClass: 'other-account' },
      actions: ['s3:ListBucket'],
      resource: { resource: { roles: ['uploads-bucket', 'dumps-bucket'] } },
    },
  ],
});
