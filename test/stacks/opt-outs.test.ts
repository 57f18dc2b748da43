import { ASSEMBLY_CHECKS } from '../../lib/compliance/assembly';
import { runAssemblyChecks } from '../../lib/compliance/assembly/run-assembly-checks';
import { collectEvidence } from '../../lib/compliance/evidence/collect-evidence';
import { EvidenceReport } from '../../lib/compliance/evidence/evidence-model';
import { unacknowledgedFindings } from '../support/pack-findings';
import { PlatformFixture, synthPlatform } from '../support/platform-fixture';

describe('a platform with every explicit opt-out', () => {
  let fixture: PlatformFixture;
  let evidence: EvidenceReport;
  beforeAll(() => {
    // GIVEN one NAT gateway, two tasks and threat detection left to the organisation
    fixture = synthPlatform({
      service: { desiredCount: 2 },
      optOuts: { natGateways: 1, allowFewerThanThreeTasks: true, delegateThreatDetectionToOrganization: true },
    });
    evidence = collectEvidence({ outdir: fixture.assemblyDir });
  });
  const status = (id: string) => evidence.environments[0].claims.find((c) => c.id === id)!;

  test('still synthesizes: no pack finding is left unacknowledged and no app-wide check fails', () => {
    expect(unacknowledgedFindings(fixture.stage)).toEqual([]);
    expect(runAssemblyChecks(fixture.assembly, ASSEMBLY_CHECKS).filter((r) => r.status === 'fail')).toEqual([]);
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
    expect(status('MONITOR-2').statusReason).toMatch(/organisation-level setup/);
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
