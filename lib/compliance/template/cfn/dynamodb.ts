/** Typed views of AWS::DynamoDB::* properties. */

export interface TableProps {
  readonly TableName?: unknown;
  /** A list of `{ Key, Value }`; tolerated as a map too. */
  readonly Tags?: unknown;
  readonly SSESpecification?: { readonly SSEEnabled?: unknown; readonly KMSMasterKeyId?: unknown };
}
