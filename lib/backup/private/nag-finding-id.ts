import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

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
