import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ClaimRule } from '../claim-rule';
import { cfnProperties, refersToResource as refersTo, resourcesOfType } from '../cfn-resource-values';
import { asArray } from '../../assembly/template-values';

interface Statement {
  readonly Effect?: string;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const values = (v: unknown): string[] => asArray(v as string | string[]).map(String);

/**
 * TRANSIT-1: every bucket has a policy that denies requests without TLS (`aws:SecureTransport` false) and requests
 * over TLS older than 1.2 (`s3:TlsVersion` below 1.2). Returns the missing denial as the finding.
 */
export const bucketPolicyDeniesWeakTls: ClaimRule = {
  id: 'TRANSIT1-BucketPolicyDeniesWeakTls',
  claims: ['TRANSIT-1'],
  info: 'A bucket policy does not deny requests without TLS, or over TLS older than 1.2.',
  explanation:
    'TRANSIT-1: objects travel only over TLS 1.2 or newer; the bucket policy refuses anything else, whoever the caller is.',
  check: (node: CfnResource): NagRuleResult => {
    if (node.cfnResourceType !== 'AWS::S3::Bucket') return NagRuleCompliance.NOT_APPLICABLE;
    const statements = resourcesOfType(node, 'AWS::S3::BucketPolicy')
      .map(cfnProperties)
      .filter((p) => refersTo(p.Bucket, node))
      .flatMap((p) => asArray((p.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement))
      .filter((s) => s.Effect === 'Deny');
    const deniesPlain = statements.some((s) => values(s.Condition?.Bool?.['aws:SecureTransport']).includes('false'));
    const deniesOld = statements.some((s) =>
      values(s.Condition?.NumericLessThan?.['s3:TlsVersion']).some((v) => Number(v) >= 1.2),
    );
    const findings = [...(deniesPlain ? [] : ['NoDenyWithoutTls']), ...(deniesOld ? [] : ['NoDenyBelowTls12'])];
    return findings.length ? findings : NagRuleCompliance.COMPLIANT;
  },
};
