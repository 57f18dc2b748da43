/**
 * Shapes shared by several CloudFormation resource types. Templates are untrusted input: every field is optional, and
 * values that may be intrinsics (`Ref`, `Fn::GetAtt`, `Fn::Join` ...) are typed `unknown`.
 */

/** A `{ Key, Value }` tag as most resource types list them. */
export interface CfnTag {
  readonly Key?: unknown;
  readonly Value?: unknown;
}
