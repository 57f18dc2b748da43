import type { ClaimId } from '../claims/claim';
import { CHECK_NARROWER_IDS } from './check-mapping';
import type { FrameworkControls, FrameworkMapping, FrameworkName } from './framework';
import { ISO_27001_2022_IDS } from './iso-27001-2022-ids';
import { ISO_27001_MAPPING } from './iso-27001-mapping';
import { NIST_800_53_REV5_CONTROLS } from './nist-800-53-rev5-controls';
import { NIST_800_53_MAPPING } from './nist-800-53-mapping';
import { PCI_DSS_4_0_1_IDS } from './pci-dss-4.0.1-ids';
import { PCI_DSS_MAPPING } from './pci-dss-mapping';
import { SOC2_MAPPING } from './soc2-mapping';
import { SOC2_TSC_2017_IDS } from './soc2-tsc-2017-ids';

export * from './framework';
export { CHECK_NARROWER_IDS } from './check-mapping';
export { NIST_800_53_REV5_CONTROLS, NIST_800_53_REV5_SOURCE } from './nist-800-53-rev5-controls';
export { NIST_800_53_MAPPING } from './nist-800-53-mapping';
export { SOC2_MAPPING } from './soc2-mapping';
export { ISO_27001_MAPPING } from './iso-27001-mapping';
export { PCI_DSS_MAPPING } from './pci-dss-mapping';

/** Each framework: the ids it defines (the list shipped here) and the claims' mapping onto them, in report order. */
export const FRAMEWORKS: readonly {
  readonly name: FrameworkName;
  readonly ids: readonly string[];
  readonly mapping: FrameworkMapping;
}[] = [
  {
    name: 'NIST SP 800-53 rev5',
    ids: NIST_800_53_REV5_CONTROLS.map(([, label]) => label),
    mapping: NIST_800_53_MAPPING,
  },
  { name: 'SOC 2 (2017 TSC, 2022 points of focus)', ids: SOC2_TSC_2017_IDS, mapping: SOC2_MAPPING },
  { name: 'ISO/IEC 27001:2022 Annex A', ids: ISO_27001_2022_IDS, mapping: ISO_27001_MAPPING },
  { name: 'PCI DSS v4.0.1', ids: PCI_DSS_4_0_1_IDS, mapping: PCI_DSS_MAPPING },
];

/** The control ids a claim's mechanism implements, per framework; frameworks with none are left out. */
export function controlsOfClaim(claimId: ClaimId): FrameworkControls[] {
  return FRAMEWORKS.map((f) => ({ framework: f.name, ids: f.mapping[claimId].ids })).filter((c) => c.ids.length > 0);
}

/** A check's ids: every id of its claims, plus the narrower ones it proves on its own. */
export function controlsOfCheck(checkId: string, claims: readonly ClaimId[]): FrameworkControls[] {
  return FRAMEWORKS.map((f) => {
    const ids = new Set([...claims.flatMap((c) => f.mapping[c].ids), ...(CHECK_NARROWER_IDS[checkId]?.[f.name] ?? [])]);
    return { framework: f.name, ids: [...ids] };
  }).filter((c) => c.ids.length > 0);
}

/** The OSCAL control id of a NIST label (`SC-28(1)` -> `sc-28.1`), as the catalog spells it. */
export function nistControlId(label: string): string {
  const control = NIST_800_53_REV5_CONTROLS.find(([, l]) => l === label);
  // library bug, not a user mistake: the labels are the library's own mapping
  if (!control) throw new Error(`'${label}' is not a control of the NIST SP 800-53 rev5 catalog shipped here`);
  return control[0];
}
