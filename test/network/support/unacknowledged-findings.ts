import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ClaimsChecks } from '../../../lib/compliance/packs/claims-checks';
import { ALL_STOCK_PACKS, createStockPacks } from '../../../lib/compliance/packs/stock-packs';

interface Pack {
  validateScope(scope: IConstruct): { violations: { ruleName: string; violatingResources: { constructPath: string }[] }[] };
}

/**
 * Runs every stock pack and the claims pack on `scope` and returns `rule @ path` for each finding not acknowledged
 * the way CDK's validation report honours it (`<pack>::<rule>` on the construct or an ancestor).
 */
export function unacknowledgedFindings(scope: IConstruct): string[] {
  const packs = [...createStockPacks(scope, ALL_STOCK_PACKS), new ClaimsChecks()] as unknown as Pack[];
  const byPath = new Map(scope.node.findAll().map((c) => [c.node.path, c]));
  return packs.flatMap((pack) =>
    pack.validateScope(scope).violations.flatMap((v) =>
      v.violatingResources
        .filter((r) => !isAcknowledged(byPath.get(r.constructPath), v.ruleName))
        .map((r) => `${v.ruleName} @ ${r.constructPath}`),
    ),
  );
}

function isAcknowledged(construct: IConstruct | undefined, ruleName: string): boolean {
  const id = `${ruleName.split('-')[0]}::${ruleName}`;
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data && id in (entry.data as object)) return true;
    }
  }
  return false;
}
