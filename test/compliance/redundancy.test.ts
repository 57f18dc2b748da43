import { PlatformAssembly, StackTemplate } from '../../lib/compliance/template/platform-assembly';
import { runChecks } from '../../lib/compliance/checks/run-checks';
import { analyseRedundancy, Tier, TierRedundancy } from '../../lib/compliance/redundancy/analyse-redundancy';
import { redundancyAnalysis } from '../../lib/compliance/redundancy/ha1-redundancy-analysis';
import { optedOutAssembly, referenceAssembly } from '../support/reference-assembly';

const tier = (tiers: TierRedundancy[], name: Tier) => tiers.find((t) => t.tier === name)!;

/** A copy of the reference assembly with one stack's template (and optionally region) changed. */
function weakenedCopy(
  change: (stack: { -readonly [K in keyof StackTemplate]: StackTemplate[K] }) => void,
): PlatformAssembly {
  return new PlatformAssembly(
    referenceAssembly().stacks.map((s) => {
      const copy = { ...s, template: structuredClone(s.template) };
      change(copy);
      return copy;
    }),
  );
}

describe('redundancy analysis (HA-1)', () => {
  test('finds every tier of the reference platform surviving a lost zone and two lost instances', () => {
    const tiers = analyseRedundancy(referenceAssembly());
    expect(tiers.map((t) => [t.tier, t.survivesZoneLoss, t.survivesTwoInstanceLoss])).toEqual([
      ['edge', true, true],
      ['service', true, true],
      ['egress', true, true],
      ['database', true, true],
      ['storage', true, true],
      ['backups', true, true],
    ]);
    expect(tier(tiers, 'database').zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(tier(tiers, 'backups').regions).toEqual(['eu-central-1', 'eu-west-1']);
  });

  describe('with one NAT gateway and two tasks (explicit opt-outs)', () => {
    // GIVEN the platform with every opt-out, synthesized once by the global setup (its third, delegated threat
    // detection, touches no tier)
    let assembly: PlatformAssembly;
    beforeAll(() => {
      assembly = optedOutAssembly();
    });

    test('detects that losing the NAT gateway zone cuts egress for the other zones', () => {
      const egress = tier(analyseRedundancy(assembly), 'egress');
      expect(egress).toMatchObject({ instances: 1, survivesZoneLoss: false, survivesTwoInstanceLoss: false });
      expect(egress.reasoning).toContain('some zones depend on a NAT gateway in another zone');
    });

    test('detects that two tasks do not survive losing two of them', () => {
      expect(tier(analyseRedundancy(assembly), 'service')).toMatchObject({
        instances: 2,
        survivesTwoInstanceLoss: false,
      });
    });

    test('reports both as weakened by their opt-outs, not as proven and not as a synth failure', () => {
      const results = runChecks(assembly, [redundancyAnalysis]);
      expect(results.filter((r) => r.status === 'weakened').map((r) => r.detail)).toEqual([
        expect.stringMatching(/^service: .*\(optOuts\.allowFewerThanThreeTasks = true\)$/),
        expect.stringMatching(/^egress: .*\(optOuts\.natGateways = 1\)$/),
      ]);
      expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    });
  });

  test('fails when the database has only one reader (two instances lost stops it)', () => {
    // GIVEN the reference with one Aurora instance removed (config cannot express it: readers >= 2 is enforced)
    const assembly = weakenedCopy((s) => {
      const resources = s.template.Resources ?? {};
      const instance = Object.keys(resources).find((id) => resources[id].Type === 'AWS::RDS::DBInstance');
      if (instance) delete resources[instance];
    });
    // THEN
    expect(tier(analyseRedundancy(assembly), 'database')).toMatchObject({
      instances: 2,
      survivesTwoInstanceLoss: false,
    });
    expect(runChecks(assembly, [redundancyAnalysis]).find((r) => r.detail.startsWith('database'))?.status).toBe('fail');
  });

  test('fails when both vaults are in one region', () => {
    // GIVEN the recovery stack moved into the primary region, and the copy action pointing there
    const assembly = weakenedCopy((s) => {
      if (s.region === 'eu-central-1') s.region = 'eu-west-1';
      const text = JSON.stringify(s.template).replace(/arn:aws:backup:eu-central-1:/g, 'arn:aws:backup:eu-west-1:');
      s.template = JSON.parse(text) as StackTemplate['template'];
    });
    // THEN
    const backups = tier(analyseRedundancy(assembly), 'backups');
    expect(backups).toMatchObject({ regions: ['eu-west-1'], survivesTwoInstanceLoss: false });
    expect(backups.reasoning).toContain('no plan copies out of its region');
  });

  test('judges zone loss from the paths: three NAT gateways, but every zone routed through the first, do not survive', () => {
    // GIVEN the reference with each private route table's default route pointed at one NAT gateway (a later edit:
    // the counts still show a NAT gateway in every zone)
    const assembly = weakenedCopy((s) => {
      const resources = s.template.Resources ?? {};
      const routes = Object.values(resources).filter(
        (r) => r.Type === 'AWS::EC2::Route' && r.Properties?.NatGatewayId !== undefined,
      );
      for (const route of routes)
        (route.Properties as Record<string, unknown>).NatGatewayId = routes[0].Properties?.NatGatewayId;
    });
    // THEN
    const egress = tier(analyseRedundancy(assembly), 'egress');
    expect(egress).toMatchObject({ instances: 3, survivesZoneLoss: false });
    expect(egress.reasoning).toMatch(/path service-to-internet-https-own-zone-nat is cut when eu-west-1a is lost/);
    expect(runChecks(assembly, [redundancyAnalysis]).find((r) => r.detail.startsWith('egress'))?.status).toBe('fail');
  });

  test('fails every tier of an empty assembly: absence is never redundancy', () => {
    const tiers = analyseRedundancy(new PlatformAssembly([]));
    expect(tiers.filter((t) => t.survivesZoneLoss || t.survivesTwoInstanceLoss)).toEqual([]);
  });
});
