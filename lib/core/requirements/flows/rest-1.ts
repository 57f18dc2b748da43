import { claimFlows } from './flow-requirement';
import { DIRECT_KEY_USE_ACTIONS, VIA_S3 } from './shared';

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
    {
      id: 'upload-key-not-used-directly-by-any-identity',
      description:
        "No identity of the account decrypts with the upload bucket's key outside a service, whatever its identity policy says: the key policy does not let IAM alone grant its use",
      principal: { principalClass: 'this-account-any-identity' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'uploads-bucket' } },
    },
    {
      id: 'upload-key-not-used-by-other-accounts',
      description: "No principal of another account uses the upload bucket's key, directly or through S3",
      principal: { principalClass: 'other-account' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'uploads-bucket' } },
    },
    {
      id: 'upload-key-not-used-by-other-accounts-through-s3',
      description: "No principal of another account uses the upload bucket's key through S3",
      principal: { principalClass: 'other-account' },
      actions: DIRECT_KEY_USE_ACTIONS,
      resource: { keyOf: { role: 'uploads-bucket' } },
      context: VIA_S3,
    },
  ],
});
