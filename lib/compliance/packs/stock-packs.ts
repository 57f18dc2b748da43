import { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPackProps, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** The stock cdk-nag packs a platform can run, by the name cdk-nag gives them. */
export type StockPackName = 'AwsSolutions' | 'NIST.800.53.R5' | 'HIPAA.Security' | 'PCI.DSS.321';

export const ALL_STOCK_PACKS: readonly StockPackName[] = [
  'AwsSolutions',
  'NIST.800.53.R5',
  'HIPAA.Security',
  'PCI.DSS.321',
];

/**
 * Builds the named stock packs. Acknowledgments are also written into template metadata, so a reader of a template
 * alone sees each decision beside its resource.
 */
export function createStockPacks(scope: IConstruct, names: readonly StockPackName[]): IPolicyValidationPlugin[] {
  const factories: Record<StockPackName, (props: NagPackProps) => IPolicyValidationPlugin> = {
    AwsSolutions: (props) => new AwsSolutionsChecks(scope, props),
    'NIST.800.53.R5': (props) => new NIST80053R5Checks(scope, props),
    'HIPAA.Security': (props) => new HIPAASecurityChecks(scope, props),
    'PCI.DSS.321': (props) => new PCIDSS321Checks(scope, props),
  };
  // One metadata-writing aspect serves every pack; more would write the same block again.
  return names.map((name, i) => factories[name]({ writeSuppressionsToCloudFormation: i === 0 }));
}
