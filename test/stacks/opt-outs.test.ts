import { CHECKS } from '../../lib/compliance/registry';
import { judgeChecks } from '../../lib/compliance/evidence/judge-checks';
import { Acknowledgments } from '../../lib/compliance/template/acknowledgments';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { optedOutAssembly } from '../support/reference-assembly';
import { OPTED_OUT_ASSEMBLY_DIR } from '../support/reference-constants';
import { REFERENCE_DOCUMENTS } from '../support/reference-judgement';
import { unacknowledgedFindingsUnder } from '../support/shared-validation-report';

describe('a platform with every explicit opt-out', () => {
  // GIVEN one NAT gateway, two tasks and the singletons left to the organisation or the account (OPTED_OUT_OVERRIDES),
  // synthesized once by the global setup
  let evidence: EvidenceReport;
  beforeAll(() => {
    evidence = collectEvidence({ outdir: OPTED_OUT_ASSEMBLY_DIR, documentsDir: REFERENCE_DOCUMENTS });
  });
  const status = (id: string) => evidence.environments[0].claims.find((c) => c.id === id)!;

  test('still synthesizes: no pack finding is left unacknowledged and no claims check fails unacknowledged', () => {
    expect(unacknowledgedFindingsUnder('optout/')).toEqual([]);
    expect(
      judgeChecks(optedOutAssembly(), CHECKS, Acknowledgments.fromDirectory(OPTED_OUT_ASSEMBLY_DIR)).filter(
        (r) => r.status === 'fail',
      ),
    ).toEqual([]);
  });

  test('reports HA-1 and MONITOR-2 as weakened, naming each opt-out, instead of proven', () => {
    expect(status('HA-1').status).toBe('weakened');
    expect(status('HA-1').statusReason).toMatch(/optOuts\.natGateways = 1/);
    expect(status('HA-1').statusReason).toMatch(/Claims-HA1-ServiceRedundantDeployment acknowledged on 1 resource/);
    expect(status('HA-1').optOuts).toEqual([
      expect.stringMatching(/^optOuts\.allowFewerThanThreeTasks = true: /),
      expect.stringMatching(/^optOuts\.natGateways = 1: /),
    ]);
    expect(status('MONITOR-2').status).toBe('weakened');
    expect(status('MONITOR-2').statusReason).toMatch(
      /GuardDuty inherited from the organisation's delegated administrator \(threatDetection.guardDuty = 'organization'\)/,
    );
    expect(status('MONITOR-2').optOuts).toEqual([
      expect.stringMatching(/^threatDetection\.guardDuty = "organization": GuardDuty is not declared here/),
      expect.stringMatching(/^threatDetection\.securityHub = "organization": /),
      expect.stringMatching(/^threatDetection\.accessAnalyzer = "existing": /),
      expect.stringMatching(/^threatDetection\.config = "existing": AWS Config recording is not declared here/),
    ]);
  });

  test('leaves the claims no opt-out touches proven', () => {
    const untouched = evidence.environments[0].claims.filter(
      (c) => c.kind === 'infrastructure' && !['HA-1', 'MONITOR-2'].includes(c.id),
    );
    expect(
      untouched.filter((c) => !['proven', 'exceeds claim'].includes(c.status)).map((c) => `${c.id}: ${c.statusReason}`),
    ).toEqual([]);
  });
});
