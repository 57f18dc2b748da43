import { dumpClientMatchesEngine } from '../../../../lib/compliance/checks';
import { runChecks } from '../../../../lib/compliance/checks/run-checks';
import { modelWithContainer, TRIXIE_DUMP } from '../../../support/image-asset-fixture';

const outcomes = (f: Parameters<typeof modelWithContainer>[0]) =>
  runChecks(modelWithContainer(f), [dumpClientMatchesEngine]).map((r) => `${r.status} ${r.detail}`);

describe('REST3-DumpClientMatchesEngine', () => {
  test('Compliance', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP })).toEqual([
      'pass Task/Dump: client 17 (postgresql-client-17) for engine 17 of Cluster',
    ]);
  });

  test('Noncompliance 1: an unversioned client on bookworm (15) against Aurora 17', () => {
    const bookworm = TRIXIE_DUMP.replace('trixie', 'bookworm').replace('postgresql-client-17', 'postgresql-client');
    expect(outcomes({ dockerfile: bookworm })).toEqual([
      'fail Task/Dump: client 15 (postgresql-client (bookworm)) is older than engine 17 of Cluster; pg_dump refuses a newer server',
    ]);
  });

  test('Noncompliance 2: no image installs a PostgreSQL client', () => {
    expect(outcomes({ dockerfile: 'FROM debian:trixie-slim\nRUN apt-get install -y gnupg' })).toEqual([
      'fail no image of the assembly installs a PostgreSQL client: nothing dumps the database',
    ]);
  });

  test('Noncompliance 3: no database cluster', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP, engineVersion: null })).toEqual(['fail no database cluster to dump']);
  });
});
