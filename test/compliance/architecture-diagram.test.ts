import { architectureMermaid } from '../../tools/architecture-diagram';
import { PlatformAssembly } from '../../lib/compliance/template/platform-assembly';
import { referenceAssembly } from '../support/reference-assembly';

describe('architecture diagram', () => {
  let diagram: string;
  beforeAll(() => {
    diagram = architectureMermaid(referenceAssembly());
  });

  test('draws both regions and every stack of the platform', () => {
    expect(diagram).toContain('subgraph eu_west_1["eu-west-1"]');
    expect(diagram).toContain('subgraph eu_central_1["eu-central-1"]');
    for (const stack of ['Network', 'Data', 'Service', 'Monitoring', 'Recovery'])
      expect(diagram).toContain(`["ref-${stack}"]`);
  });

  test('reads the data flows from the templates', () => {
    expect(diagram).toContain('internet -->|HTTPS 443| ref_Service_edge');
    expect(diagram).toContain('ref_Service_edge -->|HTTP 8080, private subnets| ref_Service_service');
    expect(diagram).toMatch(/ref_Service_service -->\|TLS, port \d+\| ref_Data_database/);
    expect(diagram).toContain('ref_Data_storage -->|S3 replication, RTC| ref_Recovery_storage');
    expect(diagram).toContain('ref_Data_backups -->|daily copy| ref_Recovery_backups');
  });

  test('draws no replication arrow when no bucket replicates', () => {
    const withoutReplication = new PlatformAssembly(
      referenceAssembly().stacks.map((s) => {
        const template = structuredClone(s.template);
        for (const r of Object.values(template.Resources ?? {})) delete r.Properties?.ReplicationConfiguration;
        return { ...s, template };
      }),
    );
    expect(architectureMermaid(withoutReplication)).not.toContain('S3 replication');
  });
});
