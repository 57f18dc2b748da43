/** Typed views of AWS::GuardDuty::* properties. */

export interface DetectorFeature {
  readonly Name?: unknown;
  readonly Status?: unknown;
}

export interface DetectorProps {
  readonly Enable?: unknown;
  readonly DataSources?: { readonly S3Logs?: { readonly Enable?: unknown } };
  readonly Features?: readonly DetectorFeature[];
}
