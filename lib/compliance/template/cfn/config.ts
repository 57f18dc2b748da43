/** Typed views of AWS::Config::* properties. */

export interface ConfigurationRecorderProps {
  readonly RoleARN?: unknown;
  readonly RecordingGroup?: {
    readonly AllSupported?: unknown;
    readonly IncludeGlobalResourceTypes?: unknown;
    readonly ResourceTypes?: unknown;
  };
}

export interface DeliveryChannelProps {
  readonly S3BucketName?: unknown;
  readonly S3KmsKeyArn?: unknown;
  readonly S3KeyPrefix?: unknown;
}

export interface ConfigRuleProps {
  readonly ConfigRuleName?: unknown;
  readonly Source?: { readonly Owner?: unknown; readonly SourceIdentifier?: unknown };
  readonly Scope?: {
    readonly ComplianceResourceId?: unknown;
    readonly ComplianceResourceTypes?: unknown;
    readonly TagKey?: unknown;
    readonly TagValue?: unknown;
  };
  /** Parameter name -> value (a JSON object in CloudFormation). */
  readonly InputParameters?: Readonly<Record<string, unknown>>;
}
