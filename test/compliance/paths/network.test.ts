import { NETWORK_PATHS, NetworkHopRecord, survivingPathsAfterZoneLoss } from '../../../lib/compliance/paths/network';
import { applyMutations } from '../../../lib/compliance/paths/apply-mutation';
import { evaluatePaths, pathChecks } from '../../../lib/compliance/paths/path-checks';
import type { PathRecord, TemplateMutation } from '../../../lib/compliance/paths/path-record';
import { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { stageModels } from '../../../lib/compliance/template/stage-model';
import { NETWORK_PATH_REQUIREMENTS } from '../../../lib/core/requirements/paths/network';
import { optedOutAssembly, referenceAssembly } from '../../support/reference-assembly';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function recordsOf(assembly: PlatformAssembly): PathRecord[] {
  return evaluatePaths(assembly, NETWORK_PATHS);
}
function record(assembly: PlatformAssembly, id: string): PathRecord {
  const found = recordsOf(assembly).find((r) => r.id === id);
  if (!found) throw new Error(`no record ${id}`);
  return found;
}
/** The resource of the reference whose logical id starts with `prefix` (tests may name CDK's ids; requirements never do). */
function resource(assembly: PlatformAssembly, prefix: string) {
  const model = stageModels(assembly)[0];
  const found = model.resources.find((r) => r.logicalId.startsWith(prefix));
  if (!found) throw new Error(`no resource ${prefix}`);
  return found;
}
function mutation(
  assembly: PlatformAssembly,
  prefix: string,
  path: (string | number)[],
  value?: unknown,
): TemplateMutation {
  const r = resource(assembly, prefix);
  return {
    description: `${prefix} ${path.join('.')}`,
    stackName: r.stackName,
    logicalId: r.logicalId,
    path,
    value,
    remove: value === undefined,
  };
}

describe('network paths on the reference', () => {
  const reference = referenceAssembly();

  test('every required path is open and every forbidden path closed, in every zone', () => {
    // GIVEN the reference platform
    // WHEN its network paths are evaluated
    const records = recordsOf(reference);
    // THEN each holds, with no problem, and the per-zone ones are evaluated once per zone
    expect(
      records
        .filter((r) => !r.holds)
        .map((r) => `${r.id}: ${r.problem ?? r.hops.find((h) => h.verdict === 'block')?.detail}`),
    ).toEqual([]);
    for (const requirement of NETWORK_PATH_REQUIREMENTS) {
      expect(records.filter((r) => r.requirementId === requirement.id).map((r) => r.id)).toEqual(
        ZONES.map((z) => `${requirement.id}@${z}`),
      );
    }
  });

  test('the checks are named per claim and pass', () => {
    const checks = pathChecks(NETWORK_PATHS);
    expect(checks.map((c) => c.id).sort()).toEqual([
      'BILLING1-ForbiddenNetworkPathsClosed',
      'DATA4-RequiredNetworkPathsOpen',
      'HA1-RequiredNetworkPathsOpen',
      'MONITOR1-RequiredNetworkPathsOpen',
      'REST3-RequiredNetworkPathsOpen',
      'TRANSIT2-ForbiddenNetworkPathsClosed',
      'TRANSIT2-RequiredNetworkPathsOpen',
    ]);
    for (const check of checks) expect(check.run(reference).filter((r) => r.status !== 'pass')).toEqual([]);
  });
});

describe('generated mutations', () => {
  const reference = referenceAssembly();
  const records = recordsOf(reference);

  test('each mutation of a passing hop of a required path breaks that path', () => {
    // GIVEN every mutation listed by a passing hop of a holding required path (applied once, judged for each path)
    const byMutation = new Map<string, { mutation: TemplateMutation; paths: Set<string> }>();
    let hops = 0;
    for (const r of records.filter((p) => p.expectation === 'required')) {
      for (const hop of r.hops.filter((h) => h.verdict === 'pass')) {
        hops++;
        for (const m of hop.mutations ?? []) {
          const key = JSON.stringify(m);
          const entry = byMutation.get(key) ?? { mutation: m, paths: new Set<string>() };
          entry.paths.add(r.id);
          byMutation.set(key, entry);
        }
      }
    }
    expect(byMutation.size).toBeGreaterThan(50);
    // WHEN each is applied THEN every path that listed it fails
    const survivors: string[] = [];
    for (const { mutation: m, paths } of byMutation.values()) {
      const after = recordsOf(applyMutations(reference, [m]));
      for (const id of paths)
        if (after.find((p) => p.id === id)?.holds !== false) survivors.push(`${id} survives "${m.description}"`);
    }
    expect(survivors).toEqual([]);
    console.log(
      `network: ${records.length} records, ${hops} passing hops of required paths, ${byMutation.size} distinct mutations`,
    );
  });

  test('the mutations of the blocking hops of each forbidden path open it', () => {
    // GIVEN each forbidden path, closed on the reference
    const stillClosed: string[] = [];
    for (const r of records.filter((p) => p.expectation === 'forbidden')) {
      // WHEN the mutations of its blocking hops are applied (again after each round: opening a route reveals the hops beyond it)
      let assembly = reference;
      let current = r;
      for (let round = 0; round < 4 && current.holds; round++) {
        const openers = current.hops.filter((h) => h.verdict === 'block').flatMap((h) => h.mutations ?? []);
        if (openers.length === 0) break;
        assembly = applyMutations(assembly, openers);
        current = record(assembly, r.id);
      }
      // THEN the path is open
      if (current.holds)
        stillClosed.push(
          `${r.id}: ${current.hops
            .filter((h) => h.verdict === 'block')
            .map((h) => h.detail)
            .join('; ')}`,
        );
    }
    expect(stillClosed).toEqual([]);
  });
});

describe('noncompliance', () => {
  const reference = referenceAssembly();

  test('fails when the service security group is opened to HTTP (BILLING-1)', () => {
    const group = resource(reference, 'AppSecurityGroupC');
    const mutated = applyMutations(reference, [
      mutation(reference, 'AppSecurityGroupC', ['Properties', 'SecurityGroupEgress', 1], {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        CidrIp: '0.0.0.0/0',
      }),
    ]);
    expect(group.type).toBe('AWS::EC2::SecurityGroup');
    for (const zone of ZONES) expect(record(mutated, `service-to-internet-http@${zone}`).holds).toBe(false);
  });

  test('fails when a private route table leaves the S3 gateway endpoint: S3 goes through the NAT (DATA-4)', () => {
    const mutated = applyMutations(reference, [
      mutation(reference, 'NetworkVpcS3Endpoint', ['Properties', 'RouteTableIds', 1]),
    ]);
    const broken = record(mutated, 'service-to-s3-gateway-endpoint@eu-west-1b');
    expect(broken.holds).toBe(false);
    expect(broken.hops.find((h) => h.hop === 'route')?.detail).toMatch(/NAT gateway .*not the s3 gateway endpoint/);
    expect(record(mutated, 'service-to-s3-gateway-endpoint@eu-west-1a').holds).toBe(true);
  });

  test("fails when a zone's default route uses another zone's NAT gateway, naming that zone (HA-1)", () => {
    const natA = resource(reference, 'NetworkVpcPublicSubnet1NATGateway');
    const mutated = applyMutations(reference, [
      mutation(reference, 'NetworkVpcPrivateSubnet2DefaultRoute', ['Properties', 'NatGatewayId'], {
        Ref: natA.logicalId,
      }),
    ]);
    const broken = record(mutated, 'service-to-internet-https-own-zone-nat@eu-west-1b');
    expect(broken.holds).toBe(false);
    const nat = broken.hops.find((h) => h.hop === 'nat-gateway') as NetworkHopRecord;
    expect(nat.zone).toBe('eu-west-1a');
    expect(nat.detail).toContain("not the source's zone eu-west-1b");
  });

  test('fails when the Secrets Manager endpoint has no private DNS (MONITOR-1, REST-3, HA-1)', () => {
    const mutated = applyMutations(reference, [
      mutation(reference, 'NetworkVpcSecretsManager', ['Properties', 'PrivateDnsEnabled'], false),
    ]);
    for (const id of [
      'bootstrap-to-secretsmanager-endpoint',
      'dump-task-to-secretsmanager-endpoint',
      'service-to-secretsmanager-endpoint',
    ]) {
      expect(record(mutated, `${id}@eu-west-1c`).holds).toBe(false);
    }
  });

  test("fails when the database subnets' ACL denies the VPC (REST-3, HA-1, MONITOR-1)", () => {
    const mutated = applyMutations(reference, [
      mutation(reference, 'NetworkIsolatedAclIngressFromVpc', ['Properties', 'RuleAction'], 'deny'),
    ]);
    for (const id of ['dump-to-database-port', 'service-to-database-port', 'bootstrap-to-database-port']) {
      expect(record(mutated, `${id}@eu-west-1a`).holds).toBe(false);
    }
  });

  test("a group left with no egress rule at all gets EC2's default allow-all (CDK's placeholder removed)", () => {
    const mutated = applyMutations(reference, [
      mutation(reference, 'DatabaseSecurityGroup5', ['Properties', 'SecurityGroupEgress']),
    ]);
    const path = record(mutated, 'database-to-internet@eu-west-1a');
    expect(path.hops.find((h) => h.hop === 'security-group-egress')?.verdict).toBe('pass');
    // The route and the ACL of the isolated subnets still close it.
    expect(path.holds).toBe(true);
  });

  test('fails when the service tasks get a public IP in a subnet routed to the internet gateway (TRANSIT-2)', () => {
    const service = resource(reference, 'AppService');
    const mutated = applyMutations(reference, [
      mutation(
        reference,
        'AppService',
        ['Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'],
        'ENABLED',
      ),
      mutation(
        reference,
        'AppSecurityGroupC',
        ['Properties', 'SecurityGroupIngress'],
        [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '0.0.0.0/0' }],
      ),
      mutation(reference, 'NetworkVpcPrivateSubnet1RouteTableAssociation', ['Properties', 'RouteTableId'], {
        Ref: resource(reference, 'NetworkVpcPublicSubnet1RouteTable').logicalId,
      }),
    ]);
    expect(service.type).toBe('AWS::ECS::Service');
    expect(record(mutated, 'internet-to-service-port@eu-west-1a').holds).toBe(false);
    expect(record(mutated, 'internet-to-service-port@eu-west-1b').holds).toBe(true);
  });
});

describe('survivingPathsAfterZoneLoss (HA-1 from paths)', () => {
  test('on the reference every per-zone requirement survives the loss of any one zone', () => {
    const records = recordsOf(referenceAssembly());
    for (const zone of ZONES) {
      const outcomes = survivingPathsAfterZoneLoss(records, zone);
      expect(outcomes.filter((o) => !o.survives)).toEqual([]);
      expect(outcomes.every((o) => o.lost.length === 1 && o.surviving.length === 2)).toBe(true);
    }
  });

  test("on the opted-out platform (one NAT gateway) losing the NAT's zone cuts every zone's egress", () => {
    const records = recordsOf(optedOutAssembly());
    expect(records.filter((r) => !r.holds).map((r) => r.id)).toEqual([]);
    const egress = (zone: string) =>
      survivingPathsAfterZoneLoss(records, zone).find(
        (o) => o.requirementId === 'service-to-internet-https-own-zone-nat',
      )!;
    expect(egress('eu-west-1a')).toMatchObject({ survives: false, surviving: [] });
    expect(egress('eu-west-1b')).toMatchObject({
      survives: true,
      surviving: [
        'service-to-internet-https-own-zone-nat@eu-west-1a',
        'service-to-internet-https-own-zone-nat@eu-west-1c',
      ],
    });
    const others = survivingPathsAfterZoneLoss(records, 'eu-west-1a').filter(
      (o) => o.requirementId !== 'service-to-internet-https-own-zone-nat',
    );
    expect(others.filter((o) => !o.survives)).toEqual([]);
  });
});
