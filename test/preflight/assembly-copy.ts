import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnTemplate } from '../../lib/compliance/template/platform-assembly';

type Edit = (template: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> }) => void;

/**
 * A copy of a synthesized assembly (its manifest, templates and metadata) with `edit` applied to every template:
 * the same deploy with one value as an account would need it (a certificate ARN the emulator issued). The copy goes
 * to a fresh temporary folder.
 */
export function copyAssembly(source: string, edit: Edit): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-assembly-'));
  for (const file of fs.readdirSync(source).filter((f) => f.endsWith('.json'))) {
    const text = fs.readFileSync(path.join(source, file), 'utf8');
    if (!file.endsWith('.template.json')) {
      fs.writeFileSync(path.join(target, file), text);
      continue;
    }
    const template = JSON.parse(text) as CfnTemplate & Parameters<Edit>[0];
    edit(template);
    fs.writeFileSync(path.join(target, file), JSON.stringify(template));
  }
  return target;
}

/** Every HTTPS listener uses `arn`. */
export const withCertificate =
  (arn: string): Edit =>
  (template) => {
    for (const r of Object.values(template.Resources ?? {}))
      if (r.Type === 'AWS::ElasticLoadBalancingV2::Listener' && r.Properties?.Certificates)
        r.Properties.Certificates = [{ CertificateArn: arn }];
  };
