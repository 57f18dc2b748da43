import { Validations } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ClaimsChecks } from '../../lib/compliance/packs/claims-checks';
import { ALL_STOCK_PACKS, createStockPacks } from '../../lib/compliance/packs/stock-packs';

/**
 * Findings of the claims pack and the stock packs on `scope` that no acknowledgment covers, as
 * `<rule> <construct path>`. cdk-nag's `validateScope` matches acknowledgments by the bare rule id, while CDK's
 * synth-time validation (which gates `cdk synth`) matches the pack-prefixed form `acknowledgeFinding` records
 * (`AwsSolutions::AwsSolutions-SMG4`); both forms count here, as they do at synth.
 */
export function unacknowledgedFindings(scope: IConstruct): string[] {
  const packs = [...createStockPacks(scope, ALL_STOCK_PACKS), new ClaimsChecks()] as NagPack[];
  const byPath = new Map(scope.node.findAll().map((c) => [c.node.path, c]));
  const acknowledged = (path: string | undefined, rule: string): boolean => {
    for (let c: IConstruct | undefined = path ? byPath.get(path) : undefined; c; c = c.node.scope) {
      for (const entry of c.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        const ids = Object.keys(entry.data as object).map((k) => k.replace(/^annotation::/i, ''));
        if (ids.includes(rule) || ids.includes(`${rule.split('-')[0]}::${rule}`)) return true;
      }
    }
    return false;
  };
  return packs.flatMap((pack) =>
    pack
      .validateScope(scope)
      .violations.flatMap((v) =>
        v.violatingResources
          .filter((r) => !acknowledged(r.constructPath, v.ruleName))
          .map((r) => `${v.ruleName} ${r.constructPath}`),
      ),
  );
}
