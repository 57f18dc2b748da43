import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FLOW_CHECKS, POLICY_ENGINE_PACKAGE } from '../../../lib/compliance/flows';
import { referenceAssembly } from '../../support/reference-assembly';

// An engine that is installed but cannot load (a broken or incompatible install) must fail closed too.
const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'broken-engine-')), 'index.js');
fs.writeFileSync(broken, "throw new Error('incompatible engine build');");
jest.mock('../../../lib/compliance/flows/policy-engine', () => ({
  ...jest.requireActual<object>('../../../lib/compliance/flows/policy-engine'),
  policyEnginePath: () => broken,
}));

describe('flow proofs with an engine that cannot load', () => {
  test('every flow check fails, naming the engine and its error', () => {
    const results = FLOW_CHECKS.flatMap((c) => c.run(referenceAssembly()));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.status).toBe('fail');
      expect(r.detail).toContain(
        `NOT PROVEN: the IAM policy engine ${POLICY_ENGINE_PACKAGE} did not evaluate the requests`,
      );
      expect(r.detail).toContain('incompatible engine build');
    }
  });
});
