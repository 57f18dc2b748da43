import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyValidationStack,
} from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { platformMetadataOf } from '../../core/platform-metadata';
import { PlatformAssembly } from '../template/platform-assembly';

/** The plugin that judges where stacks stand; its findings are acknowledged as `ClaimsStacks::<rule>`. */
export const STRAY_STACKS_PLUGIN_NAME = 'ClaimsStacks';
/** The rule a stack outside every PlatformStage is reported under. */
export const STRAY_STACK_RULE = 'StackOutsidePlatformStage';

/** A stack no PlatformStage owns: no claims check judges it, no evidence covers it. */
export interface StrayStackFinding {
  readonly stackName: string;
  readonly constructPath: string;
  readonly templatePath: string;
  /** What is wrong, naming the stack. */
  readonly what: string;
  /** How to fix it: where the stack belongs. */
  readonly fix: string;
}

/**
 * One finding per stack of `stacks` (the list CDK hands a validation plugin registered on the app) that stands
 * outside every PlatformStage. A stack belongs to a PlatformStage when it carries the platform's metadata, which the
 * stage writes on every stack under it: the same test the evidence applies (assembly-integrity.ts `strayStacks`).
 */
export function strayStackFindings(stacks: readonly PolicyValidationStack[]): StrayStackFinding[] {
  const all = PlatformAssembly.fromStackTemplates(stacks).stacks;
  // The stages the app has, named in the fix: the first segment of their stacks' construct paths.
  const stages = [
    ...new Set(all.filter((s) => platformMetadataOf(s.template)).map((s) => s.constructPath.split('/')[0])),
  ];
  const stage = stages.length === 1 ? `the PlatformStage '${stages[0]}'` : 'a PlatformStage';
  return all
    .filter((s) => !platformMetadataOf(s.template))
    .map((s) => {
      const id = s.constructPath.split('/').pop() ?? s.stackName;
      return {
        stackName: s.stackName,
        constructPath: s.constructPath,
        templatePath: s.templatePath,
        what:
          `stack ${s.stackName} (${s.constructPath}) is outside every PlatformStage: no claims check judges its ` +
          'resources and the evidence covers none of them',
        fix: `move it into the stage: new Stack(stage, '${id}', ...) where stage is ${stage} (see docs/own-resources.md)`,
      };
    });
}

/**
 * The synth gate for stacks outside every PlatformStage. Registered on the app (a stage's plugins see only that
 * stage's stacks), so it sees every stack; a stray stack fails synth. A stack kept outside on purpose (a pipeline)
 * is acknowledged on the stack: `Validations.of(stack).acknowledge({ id: 'ClaimsStacks::StackOutsidePlatformStage',
 * reason })`; the evidence still lists it as outside every claim.
 */
export class StrayStacksPlugin implements IPolicyValidationPlugin {
  readonly name = STRAY_STACKS_PLUGIN_NAME;
  readonly ruleIds = [STRAY_STACK_RULE];

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const findings = strayStackFindings(context.stackTemplates);
    return {
      success: findings.length === 0,
      violations: findings.map((f) => ({
        ruleName: STRAY_STACK_RULE,
        description: `[every claim] ${f.what}`,
        fix: f.fix,
        severity: 'error',
        violatingResources: [{ constructPath: f.constructPath, templatePath: f.templatePath, locations: [f.fix] }],
      })),
    };
  }
}

const registered = new WeakSet<IConstruct>();

/** Registers the stray-stack gate on the app of `scope`, once however many stages ask. */
export function addStrayStackGate(scope: IConstruct): void {
  const app = scope.node.root;
  if (registered.has(app)) return;
  registered.add(app);
  Validations.of(app).addPlugins(new StrayStacksPlugin());
}
