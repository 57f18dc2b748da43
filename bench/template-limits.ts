import * as fs from 'fs';
import { PlatformAssembly } from '../lib/compliance/template/platform-assembly';

/** CloudFormation's hard limits per stack. */
export const MAX_RESOURCES = 500;
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

export interface StackSize {
  readonly stackName: string;
  readonly resources: number;
  readonly bytes: number;
  readonly resourceShare: number;
  readonly byteShare: number;
}

/** Resource count and template size of every stack of a synthesized assembly, against CloudFormation's limits. */
export function stackSizes(outdir: string): StackSize[] {
  return PlatformAssembly.fromDirectory(outdir).stacks.map((s) => {
    const resources = Object.keys(s.template.Resources ?? {}).length;
    const bytes = fs.statSync(s.templatePath).size;
    return {
      stackName: s.stackName,
      resources,
      bytes,
      resourceShare: resources / MAX_RESOURCES,
      byteShare: bytes / MAX_TEMPLATE_BYTES,
    };
  });
}
