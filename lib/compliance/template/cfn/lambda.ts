/** Typed views of AWS::Lambda::* properties. */

export interface FunctionProps {
  readonly Role?: unknown;
  readonly Runtime?: unknown;
  readonly Handler?: unknown;
  readonly Environment?: { readonly Variables?: Readonly<Record<string, unknown>> };
  readonly VpcConfig?: { readonly SubnetIds?: unknown; readonly SecurityGroupIds?: unknown };
}
