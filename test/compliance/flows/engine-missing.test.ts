import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import {
  FLOW_CHECKS,
  POLICY_ENGINE_INSTALL,
  POLICY_ENGINE_PACKAGE,
  POLICY_ENGINE_VERSION_RANGE,
} from '../../../lib/compliance/flows';
import { ClaimsPlugin } from '../../../lib/compliance/gate/claims-plugin';
import { ConstructLocator } from '../../../lib/compliance/gate/construct-locator';
import { groupDefects } from '../../../lib/compliance/gate/defects';
import { takeGateFindings } from '../../../lib/compliance/gate/gate-findings';
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
      expect(r.detail).toContain(`npm install --save-dev ${POLICY_ENGINE_PACKAGE}@${POLICY_ENGINE_VERSION_RANGE}`);
    }
  });

  test('the synth gate names the missing engine once, with the install command, and fails closed', () => {
    // GIVEN the reference templates, copied (the gate writes its record beside them), judged as two stages of one app
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-missing-'));
    const stackTemplates = referenceAssembly().stacks.map((s) => {
      const templatePath = path.join(dir, path.basename(s.templatePath));
      fs.writeFileSync(templatePath, JSON.stringify(s.template));
      return { stackConstructPath: s.constructPath, templatePath, accountId: s.account, region: s.region };
    });
    const app = new App();
    const context = { appConstruct: app, templatePaths: stackTemplates.map((s) => s.templatePath), stackTemplates };
    // WHEN
    const reports = [new ClaimsPlugin(FLOW_CHECKS).validate(context), new ClaimsPlugin(FLOW_CHECKS).validate(context)];
    // THEN each stage's report holds one finding, not one per flow, and CDK lets no one acknowledge it
    for (const report of reports) {
      expect(report.success).toBe(false);
      expect(report.violations).toHaveLength(1);
      const [v] = report.violations;
      expect(v.ruleName).toBe('Claims-PolicyEngineMissing');
      expect(v.severity).toBe('fatal');
      expect(v.fix).toBe(`npm install --save-dev ${POLICY_ENGINE_PACKAGE}@^0.1.173`);
      expect(v.description).toMatch(
        /the IAM policy engine @cloud-copilot\/iam-simulate is not installed, so \d+ flow proofs/,
      );
    }
    // and the summary names it once for the whole app
    const defects = groupDefects(takeGateFindings(app)!, new ConstructLocator(app));
    expect(defects).toHaveLength(1);
    expect(defects[0]).toMatchObject({ where: 'every stage', fix: POLICY_ENGINE_INSTALL, unacknowledgeable: true });
  });

  test('the install command names the peer range package.json declares', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    expect(pkg.peerDependencies[POLICY_ENGINE_PACKAGE]).toBe(POLICY_ENGINE_VERSION_RANGE);
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
