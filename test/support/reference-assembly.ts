import * as fs from 'fs';
import * as path from 'path';
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
  const file = path.join(REFERENCE_ASSEMBLY_DIR, `${REFERENCE_ENVIRONMENT}-${stackId}.template.json`);
  return Template.fromJSON(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>);
}
