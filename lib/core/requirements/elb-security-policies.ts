/**
 * The TLS protocol versions each ELB security policy the library may use accepts from clients, as AWS lists them:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 * A policy missing from this table cannot be judged, so a path through it fails (never passes by default).
 */

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export const ELB_SECURITY_POLICIES_DOC_URL =
  'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html';

const TLS10_TO_12: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2'];
const TLS10_TO_13: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const TLS11_TO_12: readonly TlsVersion[] = ['TLSv1.1', 'TLSv1.2'];
const TLS11_TO_13: readonly TlsVersion[] = ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const TLS12: readonly TlsVersion[] = ['TLSv1.2'];
const TLS12_TO_13: readonly TlsVersion[] = ['TLSv1.2', 'TLSv1.3'];
const TLS13: readonly TlsVersion[] = ['TLSv1.3'];

/** Policy name -> the protocol versions it accepts. Legacy policies first: they are what a weakening edit picks. */
export const ELB_SECURITY_POLICY_PROTOCOLS: Readonly<Record<string, readonly TlsVersion[]>> = {
  'ELBSecurityPolicy-2016-08': TLS10_TO_12,
  'ELBSecurityPolicy-TLS-1-0-2015-04': TLS10_TO_12,
  'ELBSecurityPolicy-2015-05': TLS10_TO_12,
  'ELBSecurityPolicy-FS-2018-06': TLS10_TO_12,
  'ELBSecurityPolicy-TLS-1-1-2017-01': TLS11_TO_12,
  'ELBSecurityPolicy-FS-1-1-2019-08': TLS11_TO_12,
  'ELBSecurityPolicy-TLS-1-2-2017-01': TLS12,
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': TLS12,
  'ELBSecurityPolicy-FS-1-2-2019-08': TLS12,
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': TLS12,
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': TLS12,
  'ELBSecurityPolicy-TLS13-1-0-2021-06': TLS10_TO_13,
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': TLS10_TO_13,
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': TLS10_TO_13,
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': TLS10_TO_13,
  'ELBSecurityPolicy-TLS13-1-1-2021-06': TLS11_TO_13,
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': TLS11_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-2021-06': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': TLS12_TO_13,
  'ELBSecurityPolicy-TLS13-1-3-2021-06': TLS13,
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': TLS13,
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': TLS13,
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': TLS13,
};

/** The versions a policy accepts, or undefined when the policy is not in the table (it then cannot be judged). */
export function protocolsOfSecurityPolicy(policyName: string): readonly TlsVersion[] | undefined {
  return Object.prototype.hasOwnProperty.call(ELB_SECURITY_POLICY_PROTOCOLS, policyName)
    ? ELB_SECURITY_POLICY_PROTOCOLS[policyName]
    : undefined;
}
