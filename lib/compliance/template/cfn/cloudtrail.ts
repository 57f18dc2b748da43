/** Typed views of AWS::CloudTrail::* properties. */

/** A basic event selector: management events and the data resources it records. */
export interface TrailEventSelector {
  readonly ReadWriteType?: unknown;
  readonly IncludeManagementEvents?: unknown;
  readonly ExcludeManagementEventSources?: unknown;
  readonly DataResources?: readonly { readonly Type?: unknown; readonly Values?: unknown }[];
}

/** One field of an advanced event selector: `Field` and its operators (`Equals`, `StartsWith`, `Not…`). */
export interface TrailFieldSelector {
  readonly Field?: unknown;
  readonly Equals?: unknown;
  readonly StartsWith?: unknown;
  readonly EndsWith?: unknown;
  readonly NotEquals?: unknown;
  readonly NotStartsWith?: unknown;
  readonly NotEndsWith?: unknown;
}

export interface TrailAdvancedEventSelector {
  readonly Name?: unknown;
  readonly FieldSelectors?: readonly TrailFieldSelector[];
}

export interface TrailProps {
  readonly IsLogging?: unknown;
  readonly IsMultiRegionTrail?: unknown;
  readonly IncludeGlobalServiceEvents?: unknown;
  readonly EnableLogFileValidation?: unknown;
  readonly KMSKeyId?: unknown;
  readonly S3BucketName?: unknown;
  readonly CloudWatchLogsLogGroupArn?: unknown;
  readonly CloudWatchLogsRoleArn?: unknown;
  readonly EventSelectors?: readonly TrailEventSelector[];
  readonly AdvancedEventSelectors?: readonly TrailAdvancedEventSelector[];
}
