import type { CfnTag } from './common';
import type { PolicyDocument } from './iam';

/** Typed views of AWS::SecretsManager::* properties. */

export interface SecretProps {
  readonly Name?: unknown;
  readonly KmsKeyId?: unknown;
  readonly Tags?: readonly CfnTag[];
}

export interface SecretResourcePolicyProps {
  readonly SecretId?: unknown;
  readonly ResourcePolicy?: PolicyDocument;
}
