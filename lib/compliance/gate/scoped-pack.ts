import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { findingFix } from '../../core/findings/fixes';
import { timedPhase } from '../../core/progress';
import { sameDefectOf } from '../../core/findings/same-defect';
import { ConstructLocator } from './construct-locator';
import { recordGateFindings } from './gate-findings';

/**
 * Runs a cdk-nag pack on one scope (a stage) only. cdk-nag's own `validate` walks the whole app, so with a pack
 * registered per stage every stage re-checked every other stage: synth time grew with the square of the number of
 * environments, and each finding was reported once per stage.
 */
export class ScopedPack implements IPolicyValidationPlugin {
  readonly name: string;
  readonly version?: string;
  readonly ruleIds?: string[];

  constructor(
    private readonly pack: NagPack,
    private readonly scope: IConstruct,
  ) {
    this.name = pack.name;
    this.version = pack.version;
    this.ruleIds = pack.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = timedPhase(`stock pack ${this.name} judged ${this.scope.node.path}`, () =>
      this.pack.validateScope(this.scope),
    );
    if (report.violations.length === 0) return report;
    const locator = new ConstructLocator(this.scope);
    // A rule that flags what a claims check flags gets that check's fix, printed by CDK as "Suggested fix".
    const violations = report.violations.map((v) => {
      const claimsFinding = sameDefectOf(v.ruleName)?.claimsFindings[0];
      const [, checkId, finding] = /^([^[]+)(?:\[(.+)\])?$/.exec(claimsFinding ?? '') ?? [];
      const type = v.violatingResources.map((r) => r.constructPath && locator.resourceTypeAt(r.constructPath))[0];
      const fix = v.fix ?? (checkId ? findingFix(checkId, finding, type) : undefined);
      return fix ? { ...v, fix } : v;
    });
    recordGateFindings(
      context.appConstruct,
      violations.flatMap((v) =>
        v.violatingResources.map((r) => ({
          pluginName: this.name,
          ruleName: v.ruleName,
          description: v.description,
          what: v.description,
          severity: v.severity ?? 'error',
          fix: v.fix,
          constructPath: r.constructPath,
          templatePath: r.templatePath,
          logicalId: r.resourceLogicalId,
          scope: this.scope.node.path,
        })),
      ),
    );
    return { ...report, violations };
  }
}
