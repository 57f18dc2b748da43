/** Typed views of AWS::Kinesis::* properties. */

export interface StreamProps {
  readonly StreamEncryption?: { readonly EncryptionType?: unknown; readonly KeyId?: unknown };
}
