import { Template } from 'aws-cdk-lib/assertions';
import { PlatformAssembly } from '../../lib/compliance/assembly/platform-assembly';
import { REFERENCE_ASSEMBLY_DIR, REFERENCE_ENVIRONMENT } from './reference-constants';

export { REFERENCE_ASSEMBLY_DIR, REFERENCE_ENVIRONMENT };

let cached: PlatformAssembly | undefined;

/** The reference platform synthesized once by the global setup (read-only: never write into it). */
export function referenceAssembly(): PlatformAssembly {
  cached ??= PlatformAssembly.fromDirectory(REFERENCE_ASSEMBLY_DIR);
  return cached;
}

/** The template of one reference stack, by stack id (`Network`, `Data`, `Service`, `Monitoring`, `Recovery`). */
export function referenceTemplate(stackId: string): Template {
  const path = `${REFERENCE_ENVIRONMENT}/${stackId}`;
  const stack = referenceAssembly().stacks.find((s) => s.constructPath === path);
  if (!stack) throw new Error(`No stack ${path} in the reference assembly`);
  return Template.fromJSON(stack.template);
}
