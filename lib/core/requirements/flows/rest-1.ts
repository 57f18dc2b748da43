import { claimFlows } from './flow-requirement';
import { VIA_S3 } from './shared';

/** REST-1: the service uses the upload bucket's key; nothing anonymous uses any key. */
export const REST_1_FLOWS = claimFlows('REST-1', {
  required: [
    {
      id: 'service-uses-upload-key',
      description: "The service task role encrypts and decrypts uploads with the upload bucket's key, through S3",
      principal: { role: 'service-task-role' },
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resource: { keyOf: { role: 'uploads-bucket' } },
      context: VIA_S3,
    },
  ],
  forbidden: [
    {
      id: 'no-anonymous-key-use',
      description: 'Nothing anonymous decrypts with, or generates a data key from, any key',
      principal: { anonymous: true },
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resource: { resource: { type: 'AWS::KMS::Key' } },
    },
  ],
});
