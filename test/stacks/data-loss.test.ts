import * as fs from 'fs';
import * as path from 'path';
import { LocatedResource } from '../../lib/compliance/template/platform-assembly';
import { compareStatefulManifest, currentStatefulEntries, StatefulManifest } from '../../tools/stateful-manifest';
import { dataLossRisks, statefulResources, STATEFUL_TYPES } from '../../tools/stateful-resources';
import { referenceAssembly, REFERENCE_ENVIRONMENT } from '../support/reference-assembly';

describe('no data loss by design (reference platform)', () => {
  let stateful: LocatedResource[];
  beforeAll(() => {
    stateful = statefulResources(referenceAssembly());
  });

  test('declares stateful resources of every kind the platform keeps data in', () => {
    const types = new Set(stateful.map((r) => r.type));
    expect([...types].sort()).toEqual(Object.keys(STATEFUL_TYPES).sort());
  });

  test('retains or snapshots every stateful resource on delete and on replacement, with deletion protection where offered', () => {
    const risky = stateful
      .map((r) => [`${r.stackName}/${r.logicalId} (${r.type})`, dataLossRisks(r)])
      .filter(([, risks]) => risks.length);
    expect(risky).toEqual([]);
  });

  test('keeps the logical ID of every stateful resource in docs/stateful-resources.json', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../docs/stateful-resources.json'), 'utf8'),
    ) as StatefulManifest;
    expect(
      compareStatefulManifest(manifest, currentStatefulEntries(referenceAssembly(), REFERENCE_ENVIRONMENT)),
    ).toEqual([]);
  });
});

describe('data-loss detection', () => {
  const resource = (props: Partial<LocatedResource['resource']>): LocatedResource => ({
    stack: undefined as never,
    stackName: 'S',
    logicalId: 'L',
    type: 'AWS::RDS::DBCluster',
    resource: { Type: 'AWS::RDS::DBCluster', ...props },
  });

  test('fails when a database would be deleted with its stack or on replacement', () => {
    expect(dataLossRisks(resource({ Properties: { DeletionProtection: true } }))).toEqual([
      'DeletionPolicy Delete (default)',
      'UpdateReplacePolicy Delete (default)',
    ]);
  });

  test('fails when deletion protection is off', () => {
    expect(
      dataLossRisks(
        resource({
          DeletionPolicy: 'Snapshot',
          UpdateReplacePolicy: 'Snapshot',
          Properties: { DeletionProtection: false },
        }),
      ),
    ).toEqual(['DeletionProtection is not true']);
  });
});
