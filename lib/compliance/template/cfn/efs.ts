/** Typed views of AWS::EFS::* properties. */

export interface FileSystemProps {
  readonly Encrypted?: unknown;
  readonly KmsKeyId?: unknown;
  /** Set only for an EFS One Zone file system. */
  readonly AvailabilityZoneName?: unknown;
}
