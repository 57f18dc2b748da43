import type { LocatedResource, PlatformAssembly, StackTemplate } from '../lib/compliance/template/platform-assembly';
import { resolveResource } from '../lib/compliance/template/resolve-references';
import { asArray, refersTo } from '../lib/compliance/template/template-values';

/** The tiers of the platform and the resource types that make each one, in the order the diagram draws them. */
const TIERS: readonly { tier: string; types: readonly string[] }[] = [
  { tier: 'edge', types: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::WAFv2::WebACL'] },
  { tier: 'egress', types: ['AWS::EC2::NatGateway'] },
  { tier: 'service', types: ['AWS::ECS::Service'] },
  { tier: 'database', types: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance'] },
  { tier: 'storage', types: ['AWS::S3::Bucket'] },
  { tier: 'backups', types: ['AWS::Backup::BackupVault', 'AWS::Backup::BackupPlan'] },
  {
    tier: 'monitoring',
    types: ['AWS::CloudTrail::Trail', 'AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub', 'AWS::SNS::Topic'],
  },
];

const short = (type: string) => type.split('::').slice(1).join(' ');
const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');

/**
 * A Mermaid flowchart of regions, stacks, tiers and data flows, computed from the synthesized templates so that
 * it cannot drift from what is deployed. Flows are read from the templates: listeners forwarding to a service's
 * target group, security-group rules admitting the service to the database, replication rules and backup copy
 * actions.
 */
export function architectureMermaid(assembly: PlatformAssembly): string {
  const lines = ['flowchart LR', '  internet((Internet))'];
  const regions = [...new Set(assembly.stacks.map((s) => s.region ?? 'unknown'))];
  for (const region of regions) {
    lines.push(`  subgraph ${id(region)}["${region}"]`);
    for (const stack of assembly.stacks.filter((s) => (s.region ?? 'unknown') === region))
      renderStack(lines, assembly, stack);
    lines.push('  end');
  }
  lines.push(...flows(assembly));
  return lines.join('\n');
}

function renderStack(lines: string[], assembly: PlatformAssembly, stack: StackTemplate): void {
  lines.push(`    subgraph ${id(stack.stackName)}["${stack.stackName}"]`);
  const resources = assembly.allResources().filter((r) => r.stack === stack);
  for (const { tier, types } of TIERS) {
    const inTier = resources.filter((r) => types.includes(r.type));
    if (inTier.length === 0) continue;
    const counts = types
      .map((t) => [t, inTier.filter((r) => r.type === t).length] as const)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${n} ${short(t)}`);
    lines.push(`      ${id(`${stack.stackName}_${tier}`)}["${tier}: ${counts.join(', ')}"]`);
  }
  lines.push('    end');
}

function node(r: LocatedResource, tier: string): string {
  return id(`${r.stackName}_${tier}`);
}

function flows(assembly: PlatformAssembly): string[] {
  const out: string[] = [];
  const buckets = assembly.resourcesOfType('AWS::S3::Bucket');
  const byName = new Map(buckets.map((b) => [b.resource.Properties?.BucketName as string | undefined, b]));
  for (const alb of assembly.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    if (alb.resource.Properties?.Scheme === 'internet-facing')
      out.push(`  internet -->|HTTPS 443| ${node(alb, 'edge')}`);
  }
  for (const svc of assembly.resourcesOfType('AWS::ECS::Service')) {
    for (const [lb, tg] of loadBalancersOf(assembly, svc)) {
      const protocol = `${tg.resource.Properties?.Protocol ?? '?'} ${tg.resource.Properties?.Port ?? '?'}`;
      out.push(`  ${node(lb, 'edge')} -->|${protocol}, private subnets| ${node(svc, 'service')}`);
    }
    for (const [db, port] of databasesReachedBy(assembly, svc))
      out.push(`  ${node(svc, 'service')} -->|TLS, port ${port}| ${node(db, 'database')}`);
  }
  for (const b of buckets) {
    const rules =
      (
        b.resource.Properties?.ReplicationConfiguration as
          { Rules?: { Destination?: { Bucket?: unknown } }[] } | undefined
      )?.Rules ?? [];
    for (const rule of rules) {
      const arn = JSON.stringify(rule.Destination?.Bucket ?? '');
      const target = [...byName.entries()].find(([name]) => name && arn.includes(name))?.[1];
      if (target) out.push(`  ${node(b, 'storage')} -->|S3 replication, RTC| ${node(target, 'storage')}`);
    }
  }
  const vaults = assembly.resourcesOfType('AWS::Backup::BackupVault');
  for (const plan of assembly.resourcesOfType('AWS::Backup::BackupPlan')) {
    const text = JSON.stringify(plan.resource.Properties ?? {});
    for (const v of vaults) {
      const name = v.resource.Properties?.BackupVaultName;
      if (typeof name === 'string' && v.stack !== plan.stack && text.includes(name)) {
        out.push(`  ${node(plan, 'backups')} -->|daily copy| ${node(v, 'backups')}`);
      }
    }
  }
  return [...new Set(out)];
}

/** Load balancers with a listener (or listener rule) forwarding to one of the service's target groups, with the group. */
function loadBalancersOf(a: PlatformAssembly, svc: LocatedResource): [LocatedResource, LocatedResource][] {
  const found: [LocatedResource, LocatedResource][] = [];
  for (const entry of asArray<{ TargetGroupArn?: unknown }>(svc.resource.Properties?.LoadBalancers)) {
    const tg = resolveResource(a, svc.stack, entry.TargetGroupArn);
    if (!tg) continue;
    for (const forwarder of a.resourcesOfType(
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::ListenerRule',
    )) {
      if (forwarder.stack !== tg.stack || !refersTo(forwarder.resource.Properties, tg.logicalId)) continue;
      const listener =
        forwarder.type === 'AWS::ElasticLoadBalancingV2::Listener'
          ? forwarder
          : resolveResource(a, forwarder.stack, forwarder.resource.Properties?.ListenerArn);
      const lb = listener && resolveResource(a, listener.stack, listener.resource.Properties?.LoadBalancerArn);
      if (lb && !found.some(([known]) => known.logicalId === lb.logicalId)) found.push([lb, tg]);
    }
  }
  return found;
}

/** Database clusters whose security group admits the service's security group, with the port it admits. */
function databasesReachedBy(a: PlatformAssembly, svc: LocatedResource): [LocatedResource, string][] {
  const vpcConfig = (
    svc.resource.Properties?.NetworkConfiguration as { AwsvpcConfiguration?: { SecurityGroups?: unknown } } | undefined
  )?.AwsvpcConfiguration;
  const serviceGroups = asArray(vpcConfig?.SecurityGroups).map((g) => resolveResource(a, svc.stack, g)?.logicalId);
  const reached: [LocatedResource, string][] = [];
  for (const db of a.resourcesOfType('AWS::RDS::DBCluster')) {
    const dbGroups = asArray(db.resource.Properties?.VpcSecurityGroupIds).map(
      (g) => resolveResource(a, db.stack, g)?.logicalId,
    );
    for (const rule of a.resourcesOfType('AWS::EC2::SecurityGroupIngress')) {
      const target = resolveResource(a, rule.stack, rule.resource.Properties?.GroupId)?.logicalId;
      const source = resolveResource(a, rule.stack, rule.resource.Properties?.SourceSecurityGroupId)?.logicalId;
      if (dbGroups.includes(target) && serviceGroups.includes(source)) {
        reached.push([db, String(rule.resource.Properties?.FromPort ?? '?')]);
      }
    }
  }
  return reached;
}
