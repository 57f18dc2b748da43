import type { PolicyDocument } from './iam';

/** Typed views of AWS::KMS::* properties. */

export interface KeyProps {
  readonly EnableKeyRotation?: unknown;
  readonly KeyPolicy?: PolicyDocument;
  readonly Description?: unknown;
}

export interface AliasProps {
  readonly AliasName?: unknown;
  readonly TargetKeyId?: unknown;
}
