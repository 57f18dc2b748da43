import type { CfnTag } from '../../template/cfn/common';
import type { SubnetProps } from '../../template/cfn/ec2';
import type { DBSubnetGroupProps } from '../../template/cfn/rds';
import { assemblyModel } from '../../template/stage-model';
import { asArray } from '../../template/template-values';
import { Check, CheckResult, fail, pass } from '../check';

/** TRANSIT-2: every database subnet group uses only subnets of the isolated tier (no internet route; see TRANSIT2-IsolatedSubnetNoInternetRoute). */
export const databaseInIsolatedSubnets: Check = {
  id: 'TRANSIT2-DatabaseInIsolatedSubnets',
  claims: ['TRANSIT-2'],
  description: 'database subnet groups use only isolated subnets',
  run: (assembly) => {
    const model = assemblyModel(assembly);
    const results: CheckResult[] = [];
    for (const group of model.ofType<DBSubnetGroupProps>('AWS::RDS::DBSubnetGroup')) {
      const subnets = asArray(group.props.SubnetIds).map((s) => model.resolve<SubnetProps>(group, s));
      const tiers = subnets.map((s) => {
        const tier = asArray<CfnTag>(s?.props.Tags).find((t) => t.Key === 'aws-cdk:subnet-type')?.Value;
        return typeof tier === 'string' ? tier : 'unknown';
      });
      const detail = `${subnets.length} subnet(s), tiers: ${tiers.join(', ')}`;
      results.push(
        subnets.length > 0 && tiers.every((t) => t === 'Isolated') ? pass(detail, group.ref) : fail(detail, group.ref),
      );
    }
    if (results.length === 0) results.push(fail('no database subnet group found to judge'));
    return results;
  },
};
