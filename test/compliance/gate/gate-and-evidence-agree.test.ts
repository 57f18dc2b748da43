import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CHECKS } from '../../../lib/compliance/registry';
import { judgeChecks } from '../../../lib/compliance/evidence/judge-checks';
import { ClaimsPlugin } from '../../../lib/compliance/gate/claims-plugin';
import { Acknowledgments } from '../../../lib/compliance/template/acknowledgments';
import { PlatformAssembly } from '../../../lib/compliance/template/platform-assembly';
import { RawJson, weakenedReference } from '../../support/claims-support';
import { optedOutAssembly, referenceAssembly } from '../../support/reference-assembly';
import { OPTED_OUT_ASSEMBLY_DIR, REFERENCE_ASSEMBLY_DIR } from '../../support/reference-constants';
import { sharedValidationReport } from '../../support/shared-validation-report';

interface ReportedFinding {
  readonly ruleName: string;
  readonly violatingConstructs?: readonly {
    readonly constructPath?: string;
    readonly cloudFormationResource?: { readonly logicalId?: string };
  }[];
}

/** `<rule> <logical id>` of each finding the synth gate reported (or that CDK suppressed) under `stage/`. */
function gateFindings(stage: string, kind: 'violations' | 'suppressedViolations'): string[] {
  const claims = sharedValidationReport().pluginReports.filter((p) => p.pluginName === 'Claims');
  return claims
    .flatMap((p) => ((p as Record<string, unknown>)[kind] as ReportedFinding[] | undefined) ?? [])
    .flatMap((v) =>
      (v.violatingConstructs ?? [{}])
        .filter((c) => c.constructPath === undefined || c.constructPath.startsWith(`${stage}/`))
        .map((c) => `${v.ruleName} ${c.cloudFormationResource?.logicalId ?? '-'}`),
    )
    .sort();
}

/** The same, as the evidence judges the written assembly. */
function evidenceFindings(model: PlatformAssembly, dir: string, status: 'fail' | 'acknowledged'): string[] {
  return judgeChecks(model, CHECKS, Acknowledgments.fromDirectory(dir))
    .filter((r) => r.status === status)
    .map((r) => `Claims-${r.checkId}${r.finding ? `[${r.finding}]` : ''} ${r.resource?.logicalId ?? '-'}`)
    .sort();
}

describe('the synth gate and the evidence', () => {
  test.each([
    ['ref', () => referenceAssembly(), REFERENCE_ASSEMBLY_DIR],
    ['optout', () => optedOutAssembly(), OPTED_OUT_ASSEMBLY_DIR],
  ])('reach the same verdicts on the %s platform, acknowledgments included', (stage, model, dir) => {
    expect(evidenceFindings(model(), dir, 'fail')).toEqual(gateFindings(stage, 'violations'));
    expect(evidenceFindings(model(), dir, 'acknowledged')).toEqual(gateFindings(stage, 'suppressedViolations'));
  });

  test('the opted-out platform has an acknowledged claims finding to compare (the comparison is not vacuous)', () => {
    expect(gateFindings('optout', 'suppressedViolations')).toEqual([
      expect.stringMatching(/^Claims-HA1-ServiceRedundantDeployment\[FewerThanThreeTasks\] AppService/),
    ]);
  });

  // Weakened copies of the reference, each judged by the plugin (as the gate would, from template files) and by
  // the evidence's judgement of the same model.
  const weakenings: Record<string, (stackId: string, t: RawJson) => void> = {
    'an unversioned upload bucket': (_id, t) => {
      for (const r of Object.values<RawJson>(t.Resources))
        if (r.Type === 'AWS::S3::Bucket' && String(r.Properties?.BucketName).includes('-uploads-'))
          delete r.Properties.VersioningConfiguration;
    },
    'a load balancer without its web ACL': (_id, t) => {
      for (const [k, r] of Object.entries<RawJson>(t.Resources))
        if (r.Type === 'AWS::WAFv2::WebACLAssociation') delete t.Resources[k];
    },
    'a listener without HSTS': (_id, t) => {
      for (const r of Object.values<RawJson>(t.Resources))
        if (r.Type === 'AWS::ElasticLoadBalancingV2::Listener') delete r.Properties.ListenerAttributes;
    },
    'no recovery stack': (id, t) => {
      if (id === 'Recovery') t.Resources = {};
    },
  };

  test.each(Object.keys(weakenings))('fail alike on %s', (name) => {
    // A copy of the whole assembly (asset manifests and image build contexts included), its templates weakened.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weakened-'));
    fs.cpSync(path.dirname(REFERENCE_ASSEMBLY_DIR), root, { recursive: true });
    const dir = path.join(root, path.basename(REFERENCE_ASSEMBLY_DIR));
    const weakened = weakenedReference(weakenings[name]);
    const model = new PlatformAssembly(
      weakened.stacks.map((s) => ({ ...s, templatePath: path.join(dir, path.basename(s.templatePath)) })),
    );
    const stackTemplates = model.stacks.map((s) => {
      fs.writeFileSync(s.templatePath, JSON.stringify(s.template));
      return {
        stackConstructPath: s.constructPath,
        templatePath: s.templatePath,
        accountId: s.account,
        region: s.region,
      };
    });
    const report = new ClaimsPlugin().validate({
      appConstruct: new App(),
      templatePaths: stackTemplates.map((s) => s.templatePath),
      stackTemplates,
    });
    const fromGate = report.violations
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.resourceLogicalId ?? '-'}`))
      .sort();
    const fromEvidence = judgeChecks(model, CHECKS, new Acknowledgments([]))
      .filter((r) => r.status === 'fail')
      .map((r) => `Claims-${r.checkId}${r.finding ? `[${r.finding}]` : ''} ${r.resource?.logicalId ?? '-'}`)
      .sort();
    expect(report.success).toBe(false);
    expect(fromGate.length).toBeGreaterThan(0);
    expect(fromEvidence).toEqual(fromGate);
  });
});
