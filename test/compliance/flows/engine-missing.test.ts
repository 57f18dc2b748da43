import * as fs from 'fs';
import * as path from 'path';
import { FLOW_CHECKS, POLICY_ENGINE_PACKAGE } from '../../../lib/compliance/flows';
import { referenceAssembly } from '../../support/reference-assembly';

// The engine is an optional peer: without it, every flow check must fail closed, naming it.
jest.mock('../../../lib/compliance/flows/policy-engine', () => ({
  ...jest.requireActual<object>('../../../lib/compliance/flows/policy-engine'),
  policyEnginePath: () => undefined,
}));

describe('flow proofs without the policy engine installed', () => {
  test('every flow check fails, naming the missing engine and how to install it', () => {
    const results = FLOW_CHECKS.flatMap((c) => c.run(referenceAssembly()));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.status).toBe('fail');
      expect(r.detail).toContain(`NOT PROVEN: the IAM policy engine ${POLICY_ENGINE_PACKAGE} is not installed`);
      expect(r.detail).toContain(`npm install --save-dev ${POLICY_ENGINE_PACKAGE}`);
    }
  });

  test('no library file imports the engine, so the library loads without it (AGPL: devDependency and optional peer only)', () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const importing = files(path.join(__dirname, '../../../lib'))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /(from\s+|require\()\s*['"]@cloud-copilot\//.test(fs.readFileSync(f, 'utf8')));
    expect(importing).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(pkg.dependencies[POLICY_ENGINE_PACKAGE]).toBeUndefined();
    expect(pkg.devDependencies[POLICY_ENGINE_PACKAGE]).toBeDefined();
    expect(pkg.peerDependenciesMeta[POLICY_ENGINE_PACKAGE]).toEqual({ optional: true });
  });
});
