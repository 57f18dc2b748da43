import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** The stock cdk-nag packs a platform can run, by the name cdk-nag gives them. */
export type StockPackName = 'AwsSolutions' | 'NIST.800.53.R5' | 'HIPAA.Security' | 'PCI.DSS.321';

export const ALL_STOCK_PACKS: readonly StockPackName[] = [
  'AwsSolutions',
  'NIST.800.53.R5',
  'HIPAA.Security',
  'PCI.DSS.321',
];

/** Builds the named stock packs (the stage writes acknowledgments into template metadata once, for all of them). */
export function createStockPacks(scope: IConstruct, names: readonly StockPackName[]): NagPack[] {
  const factories: Record<StockPackName, () => NagPack> = {
    AwsSolutions: () => new AwsSolutionsChecks(scope),
    'NIST.800.53.R5': () => new NIST80053R5Checks(scope),
    'HIPAA.Security': () => new HIPAASecurityChecks(scope),
    'PCI.DSS.321': () => new PCIDSS321Checks(scope),
  };
  return names.map((name) => factories[name]());
}
