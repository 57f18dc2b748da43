/**
 * The load balancer's certificates: ACM certificates are regional, and a listener can use one only when it is in the
 * listener's region and ISSUED (a certificate still pending validation fails the listener's create).
 */
import { PlatformAssembly } from '../../compliance/template/platform-assembly';
import { asArray, flatten, PlatformEnvironment, prop } from '../../compliance/template/template-values';
import { PreflightFinding } from './report';
import { absent, AwsSession } from './session';

export interface TemplateCertificate {
  readonly arn: string;
  /** The region of the listener that uses it. */
  readonly region: string;
}

/** Every literal certificate ARN the environment's listeners use, once per ARN and region. */
export function templateCertificates(env: PlatformEnvironment): TemplateCertificate[] {
  const found = new Map<string, TemplateCertificate>();
  for (const r of new PlatformAssembly(env.stacks).resourcesOfType(
    'AWS::ElasticLoadBalancingV2::Listener',
    'AWS::ElasticLoadBalancingV2::ListenerCertificate',
  )) {
    for (const c of asArray<{ CertificateArn?: unknown }>(prop(r, 'Certificates'))) {
      const arn = flatten(c.CertificateArn, r.stack);
      if (arn && r.region) found.set(`${arn} ${r.region}`, { arn, region: r.region });
    }
  }
  return [...found.values()];
}

/** The finding for one certificate (`acm:DescribeCertificate`), or none when it is ISSUED where it is used. */
export async function certificateFindings(aws: AwsSession, cert: TemplateCertificate): Promise<PreflightFinding[]> {
  const subject = `certificate ${cert.arn}`;
  const at = { region: cert.region, subject, blocking: true };
  const arnRegion = cert.arn.split(':')[3];
  if (arnRegion !== cert.region)
    return [
      {
        ...at,
        kind: 'prerequisite',
        detail: `is in ${arnRegion || 'no region'}, the load balancer in ${cert.region}: ACM certificates are regional. Request or import it in ${cert.region} and set certificateArn to its ARN`,
      },
    ];
  const { ACMClient, DescribeCertificateCommand } = aws.sdk.acm;
  try {
    const answer = await aws
      .open(new ACMClient(aws.config(cert.region)))
      .send(new DescribeCertificateCommand({ CertificateArn: cert.arn }));
    const status = answer.Certificate?.Status;
    if (status === 'ISSUED') return [];
    return [
      {
        ...at,
        kind: 'prerequisite',
        detail: `has status ${status ?? 'unknown'}, not ISSUED: the HTTPS listener fails to create. Complete its validation (DNS records) or choose an issued certificate`,
      },
    ];
  } catch (e) {
    if (!absent(e)) throw e;
    return [
      {
        ...at,
        kind: 'prerequisite',
        detail: `does not exist in this account and region: the HTTPS listener fails to create. Set certificateArn to a certificate of ${cert.region}`,
      },
    ];
  }
}
