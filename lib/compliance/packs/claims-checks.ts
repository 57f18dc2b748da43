import { CfnResource, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { CLAIM_RULES, ClaimRule } from '../rules';
import { judgingOnce } from '../rules/cfn-resource-values';

/** The pack name cdk-nag prefixes to every rule id: `Claims-DATA1-...`. */
export const CLAIMS_PACK_NAME = 'Claims';

/**
 * Our own cdk-nag pack: one rule per claim property. Registered beside the stock packs with
 * `Validations.of(scope).addPlugins(new ClaimsChecks(scope))`, so `cdk synth` fails when a claim is broken.
 */
export class ClaimsChecks extends NagPack {
  readonly name = CLAIMS_PACK_NAME;
  readonly ruleIds: string[];

  constructor(
    scope?: IConstruct,
    props?: NagPackProps,
    private readonly rules: readonly ClaimRule[] = CLAIM_RULES,
  ) {
    super(scope, props);
    this.packName = CLAIMS_PACK_NAME;
    this.ruleIds = rules.map((r) => `${CLAIMS_PACK_NAME}-${r.id}`);
  }

  override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return judgingOnce(() => super.validateScope(scope));
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of this.rules) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: `[${rule.claims.join(', ')}] ${rule.info}`,
        explanation: rule.explanation,
        level: rule.level ?? NagMessageLevel.ERROR,
        node,
        rule: rule.check,
      });
    }
  }
}
