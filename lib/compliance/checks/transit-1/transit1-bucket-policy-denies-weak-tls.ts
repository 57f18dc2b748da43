import { MIN_S3_TLS_VERSION } from '../../../core/requirements/transit';
import type { BucketProps } from '../../template/cfn/s3';
import { asArray } from '../../template/template-values';
import { modelResourceCheck } from '../check';
import { governingStatements } from '../resource-readers';

const values = (v: unknown): string[] => asArray(v).map(String);

/**
 * TRANSIT-1: every bucket has a policy that denies requests without TLS (`aws:SecureTransport` false) and requests
 * over TLS older than 1.2 (`s3:TlsVersion` below 1.2). Returns the missing denial as the finding.
 */
export const bucketPolicyDeniesWeakTls = modelResourceCheck<BucketProps>({
  id: 'TRANSIT1-BucketPolicyDeniesWeakTls',
  claims: ['TRANSIT-1'],
  failure: 'A bucket policy does not deny requests without TLS, or over TLS older than 1.2.',
  description:
    'TRANSIT-1: objects travel only over TLS 1.2 or newer; the bucket policy refuses anything else, whoever the caller is.',
  types: ['AWS::S3::Bucket'],
  judge: (bucket, model) => {
    const statements = governingStatements(model, bucket).filter((s) => s.Effect === 'Deny');
    const deniesPlain = statements.some((s) => values(s.Condition?.Bool?.['aws:SecureTransport']).includes('false'));
    const deniesOld = statements.some((s) =>
      values(s.Condition?.NumericLessThan?.['s3:TlsVersion']).some((v) => Number(v) >= MIN_S3_TLS_VERSION),
    );
    const findings = [...(deniesPlain ? [] : ['NoDenyWithoutTls']), ...(deniesOld ? [] : ['NoDenyBelowTls12'])];
    return findings.length ? findings : true;
  },
});
