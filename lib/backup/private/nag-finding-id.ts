import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { acknowledgeFinding } from '../../core/acknowledge';
import type { ClaimId } from '../../core/claims/claim';

/**
 * A resource ARN as cdk-nag writes it into a finding id: resolved, with `{ Ref: X }` rendered `<X>` (as cdk-nag's
 * flattenCfnReference does), so an acknowledgment matches whether the partition, region or account are literals or
 * pseudo parameters.
 */
export function nagResourceText(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === 'string') return `<${o.Ref}>`;
    const join = o['Fn::Join'] as [string, unknown[]] | undefined;
    if (Array.isArray(join)) return join[1].map(flatten).join(join[0]);
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  }
  return JSON.stringify(v);
}

/**
 * Acknowledges, on `policy`, cdk-nag's granular IAM5 finding of every resource of `statements` that holds a wildcard:
 * `*` itself with `reasons.star`, every prefix pattern with `reasons.pattern`.
 */
export function acknowledgeWildcardResources(
  scope: IConstruct,
  policy: IConstruct,
  statements: readonly iam.PolicyStatement[],
  claim: ClaimId,
  reasons: { readonly star: string; readonly pattern: string },
): void {
  const wildcards = new Set(
    statements.flatMap((s) => s.resources).filter((r) => nagResourceText(scope, r).includes('*')),
  );
  acknowledgeFinding(
    policy,
    ...[...wildcards].map((arn) => ({
      rule: `AwsSolutions-IAM5[Resource::${nagResourceText(scope, arn)}]`,
      claim,
      reason: arn === '*' ? reasons.star : reasons.pattern,
    })),
  );
}
