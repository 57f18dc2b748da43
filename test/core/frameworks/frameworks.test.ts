import { CLAIMS } from '../../../lib/core/claims/register';
import {
  CHECK_NARROWER_IDS,
  controlsOfCheck,
  controlsOfClaim,
  FRAMEWORKS,
  NIST_800_53_REV5_CONTROLS,
  NIST_800_53_REV5_SOURCE,
  nistControlId,
} from '../../../lib/core/frameworks';
import { CHECKS } from '../../../lib/compliance/registry';

const WITHDRAWN = new Set(NIST_800_53_REV5_CONTROLS.filter(([, , , w]) => w).map(([, label]) => label));

describe('framework id lists', () => {
  test('the NIST list is the whole rev 5 catalog it was extracted from', () => {
    expect(NIST_800_53_REV5_SOURCE.version).toBe('5.0.1');
    expect(NIST_800_53_REV5_CONTROLS).toHaveLength(1189);
    expect(NIST_800_53_REV5_CONTROLS).toContainEqual(['sc-28.1', 'SC-28(1)', 'Cryptographic Protection']);
    expect(WITHDRAWN.size).toBe(182);
  });

  test.each([
    ['SOC 2 (2017 TSC, 2022 points of focus)', 61],
    ['ISO/IEC 27001:2022 Annex A', 93],
    ['PCI DSS v4.0.1', 250],
  ])('%s lists %i ids, each once', (name, count) => {
    const ids = FRAMEWORKS.find((f) => f.name === name)!.ids;
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('nistControlId turns a label into the catalog id, and refuses a label the catalog lacks', () => {
    expect(nistControlId('SC-7(5)')).toBe('sc-7.5');
    expect(() => nistControlId('SC-99')).toThrow("'SC-99' is not a control of the NIST SP 800-53 rev5 catalog");
  });
});

describe('claims mapped to framework ids', () => {
  test.each(FRAMEWORKS.map((f) => [f.name, f] as const))('%s: every mapped id exists in the list shipped', (_, f) => {
    const known = new Set(f.ids);
    const unknown = CLAIMS.flatMap((c) =>
      f.mapping[c.id].ids.filter((id) => !known.has(id)).map((id) => `${c.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  test('no claim maps to a withdrawn NIST control', () => {
    const mapping = FRAMEWORKS[0].mapping;
    expect(CLAIMS.flatMap((c) => mapping[c.id].ids.filter((id) => WITHDRAWN.has(id)))).toEqual([]);
  });

  test('every claim has a one-line reason in every framework, and every infrastructure claim a NIST control', () => {
    for (const f of FRAMEWORKS) for (const c of CLAIMS) expect(f.mapping[c.id].reason).toMatch(/^[^\n]{8,160}$/);
    const unmapped = CLAIMS.filter((c) => c.kind === 'infrastructure' && controlsOfClaim(c.id)[0]?.ids.length === 0);
    expect(unmapped).toEqual([]);
  });

  test('controlsOfClaim names each framework with ids and leaves out those without', () => {
    expect(controlsOfClaim('REST-2')).toEqual([
      { framework: 'NIST SP 800-53 rev5', ids: ['SC-28', 'SC-28(1)'] },
      { framework: 'SOC 2 (2017 TSC, 2022 points of focus)', ids: ['CC6.1'] },
      { framework: 'ISO/IEC 27001:2022 Annex A', ids: ['A.8.24'] },
      { framework: 'PCI DSS v4.0.1', ids: ['3.5.1'] },
    ]);
    expect(controlsOfClaim('HA-1').map((c) => c.framework)).not.toContain('PCI DSS v4.0.1');
    expect(controlsOfClaim('ORG-2')).toEqual([]);
  });
});

describe('checks mapped to framework ids', () => {
  test('narrower ids name checks of the registry, and exist in their framework', () => {
    const checks = new Set(CHECKS.map((c) => c.id));
    expect(Object.keys(CHECK_NARROWER_IDS).filter((id) => !checks.has(id))).toEqual([]);
    for (const [check, byFramework] of Object.entries(CHECK_NARROWER_IDS))
      for (const [name, ids] of Object.entries(byFramework)) {
        const known = new Set(FRAMEWORKS.find((f) => f.name === name)!.ids);
        expect(ids.filter((id) => !known.has(id) || WITHDRAWN.has(id)).map((id) => `${check}: ${id}`)).toEqual([]);
      }
  });

  test('a check inherits every id of its claims and adds its narrower ones', () => {
    const check = CHECKS.find((c) => c.id === 'BILLING1-NoStripeKeyInEnvironment')!;
    const controls = controlsOfCheck(check.id, check.claims);
    const nist = controls.find((c) => c.framework === 'NIST SP 800-53 rev5')!.ids;
    expect(nist).toEqual(expect.arrayContaining([...controlsOfClaim('BILLING-1')[0].ids, 'IA-5(7)']));
    expect(controls.find((c) => c.framework === 'PCI DSS v4.0.1')!.ids).toEqual(['3.2.1', '7.2.5', '8.6.2']);
    expect(controlsOfCheck('TRANSIT1-DatabaseForcesTls', ['TRANSIT-1'])).toEqual(controlsOfClaim('TRANSIT-1'));
  });

  test('every check of the registry has at least one NIST control through its claims', () => {
    const without = CHECKS.filter((c) => !controlsOfCheck(c.id, c.claims).some((f) => f.ids.length > 0));
    expect(without.map((c) => c.id)).toEqual([]);
  });
});
