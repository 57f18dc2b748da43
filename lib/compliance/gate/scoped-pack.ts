import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';

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

  validate(_context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.pack.validateScope(this.scope);
  }
}
