/** Typed views of IAM policy documents as templates write them (identity, resource and key policies). */

export interface PolicyStatement {
  readonly Sid?: unknown;
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  /** Operator -> condition key -> value(s). */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
}

export interface PolicyDocument {
  readonly Version?: unknown;
  /** One statement or a list of them. */
  readonly Statement?: PolicyStatement | readonly PolicyStatement[];
}

export interface RoleProps {
  readonly AssumeRolePolicyDocument?: PolicyDocument;
  readonly ManagedPolicyArns?: unknown;
  /** Inline policies. */
  readonly Policies?: readonly { readonly PolicyName?: unknown; readonly PolicyDocument?: PolicyDocument }[];
}

/** `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`: a document and what it is attached to. */
export interface PolicyProps {
  readonly PolicyName?: unknown;
  readonly PolicyDocument?: PolicyDocument;
  readonly Roles?: unknown;
  readonly Users?: unknown;
  readonly Groups?: unknown;
}
