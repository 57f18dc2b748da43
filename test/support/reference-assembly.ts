import * as fs from 'fs';
import * as path from 'path';
import { ACKNOWLEDGMENT_CLAIM_METADATA_KEY } from '../../lib/core/acknowledge';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import {
  OPTED_OUT_ASSEMBLY_DIR,
  OPTED_OUT_ENVIRONMENT,
  REFERENCE_ASSEMBLY_DIR,
  REFERENCE_ENVIRONMENT,
} from './reference-constants';

export { REFERENCE_ASSEMBLY_DIR, REFERENCE_ENVIRONMENT };

let reference: PlatformAssembly | undefined;
let optedOut: PlatformAssembly | undefined;

/** The reference platform synthesized once by the global setup (read-only: never write into it). */
export function referenceAssembly(): PlatformAssembly {
  reference ??= PlatformAssembly.fromDirectory(REFERENCE_ASSEMBLY_DIR);
  return reference;
}

/** The reference with every explicit opt-out (OPTED_OUT_OVERRIDES), synthesized once by the global setup. */
export function optedOutAssembly(): PlatformAssembly {
  optedOut ??= PlatformAssembly.fromDirectory(OPTED_OUT_ASSEMBLY_DIR);
  return optedOut;
}

/** The template of one reference stack, by stack id (`Network`, `Data`, `Service`, `Monitoring`, `Recovery`). */
export function referenceTemplate(stackId: string): Template {
  return templateOf(referenceAssembly(), REFERENCE_ENVIRONMENT, stackId);
}

/** The template of one stack of the opted-out platform, by stack id. */
export function optedOutTemplate(stackId: string): Template {
  return templateOf(optedOutAssembly(), OPTED_OUT_ENVIRONMENT, stackId);
}

function templateOf(assembly: PlatformAssembly, environment: string, stackId: string): Template {
  const path = `${environment}/${stackId}`;
  const stack = assembly.stacks.find((s) => s.constructPath === path);
  if (!stack) throw new Error(`No stack ${path} in the ${environment} assembly`);
  return Template.fromJSON(stack.template);
}

/**
 * Every acknowledgment recorded on the reference platform's constructs, as CDK writes construct metadata beside each
 * template (`*.metadata.json`): construct path, pack-prefixed rule id and reason.
 */
export function referenceAcknowledgments(): { constructPath: string; id: string; reason: string; claim?: string }[] {
  return fs
    .readdirSync(REFERENCE_ASSEMBLY_DIR)
    .filter((f) => f.endsWith('.metadata.json'))
    .flatMap((f) => {
      const byPath = JSON.parse(fs.readFileSync(path.join(REFERENCE_ASSEMBLY_DIR, f), 'utf8')) as Record<
        string,
        { type: string; data: Record<string, string> }[]
      >;
      return Object.entries(byPath).flatMap(([constructPath, entries]) => {
        const claims = Object.assign(
          {},
          ...entries.filter((e) => e.type === ACKNOWLEDGMENT_CLAIM_METADATA_KEY).map((e) => e.data),
        ) as Record<string, string>;
        return entries
          .filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((e) =>
            Object.entries(e.data).map(([id, reason]) => ({ constructPath, id, reason, claim: claims[id] })),
          );
      });
    });
}
