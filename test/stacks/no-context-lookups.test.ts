/**
 * The platform synthesizes without AWS: no construct may ask for a context lookup (availability zones, a VPC, an
 * AMI). In-process synth records the lookup and carries on with dummy values; `cdk synth` without credentials fails
 * ("Need to perform AWS calls ... but no credentials have been configured"), so the README's main job would break.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REFERENCE_ASSEMBLY_DIR } from '../support/reference-assembly';

test('the reference platform asks for no context lookup (its manifests list nothing missing)', () => {
  const root = path.dirname(REFERENCE_ASSEMBLY_DIR);
  const manifests = [
    path.join(root, 'manifest.json'),
    ...fs
      .readdirSync(root)
      .filter((d) => d.startsWith('assembly-'))
      .map((d) => path.join(root, d, 'manifest.json')),
  ].filter((f) => fs.existsSync(f));
  expect(manifests.length).toBeGreaterThan(1);
  const missing = manifests.flatMap(
    (f) => (JSON.parse(fs.readFileSync(f, 'utf8')) as { missing?: { key: string }[] }).missing?.map((m) => m.key) ?? [],
  );
  expect(missing).toEqual([]);
});
