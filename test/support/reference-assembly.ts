import { Template } from 'aws-cdk-lib/assertions';
import { PlatformAssembly } from '../../lib/compliance/assembly/platform-assembly';
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
