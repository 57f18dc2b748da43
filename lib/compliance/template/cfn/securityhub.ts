/** Typed views of AWS::SecurityHub::* properties. */

export interface SecurityHubStandardProps {
  readonly StandardsArn?: unknown;
}
