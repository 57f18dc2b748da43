import { Check, CheckResult, fail, pass } from '../check';
import { toRef } from '../../template/platform-assembly';
import { resolveResource } from '../../template/resolve-references';
import { asArray } from '../../template/template-values';

/** TRANSIT-2: every database subnet group uses only subnets of the isolated tier (no internet route; see TRANSIT2-IsolatedSubnetNoInternetRoute). */
export const databaseInIsolatedSubnets: Check = {
  id: 'TRANSIT2-DatabaseInIsolatedSubnets',
  claims: ['TRANSIT-2'],
  description: 'database subnet groups use only isolated subnets',
  run: (assembly) => {
    const results: CheckResult[] = [];
    for (const group of assembly.resourcesOfType('AWS::RDS::DBSubnetGroup')) {
      const subnets = asArray(group.resource.Properties?.SubnetIds).map((s) =>
        resolveResource(assembly, group.stack, s),
      );
      const tiers = subnets.map(
        (s) =>
          asArray<{ Key?: string; Value?: string }>(s?.resource.Properties?.Tags).find(
            (t) => t.Key === 'aws-cdk:subnet-type',
          )?.Value ?? 'unknown',
      );
      const detail = `${subnets.length} subnet(s), tiers: ${tiers.join(', ')}`;
      results.push(
        subnets.length > 0 && tiers.every((t) => t === 'Isolated')
          ? pass(detail, toRef(group))
          : fail(detail, toRef(group)),
      );
    }
    if (results.length === 0) results.push(fail('no database subnet group found to judge'));
    return results;
  },
};
