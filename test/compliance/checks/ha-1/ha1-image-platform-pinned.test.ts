import { imagePlatformPinned } from '../../../../lib/compliance/checks';
import { runChecks } from '../../../../lib/compliance/checks/run-checks';
import { modelWithContainer, TRIXIE_DUMP } from '../../../support/image-asset-fixture';

const outcomes = (f: Parameters<typeof modelWithContainer>[0]) =>
  runChecks(modelWithContainer(f), [imagePlatformPinned]).map((r) => `${r.status} ${r.detail}`);

describe('HA1-ImagePlatformPinned', () => {
  test('Compliance', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP })).toEqual(["pass Task/Dump: built for linux/amd64, the task's X86_64"]);
  });

  test('Noncompliance 1: an asset without a platform (built for whatever machine deploys)', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP, platform: null })).toEqual([
      'fail Task/Dump: no platform: built for whatever machine runs cdk deploy, the task needs linux/amd64',
    ]);
  });

  test('Noncompliance 2: an asset built for another architecture than its task', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP, platform: 'linux/arm64' })).toEqual([
      expect.stringMatching(/^fail Task\/Dump: .*linux\/arm64.*X86_64/),
    ]);
  });

  test('Noncompliance 3: no image asset to judge', () => {
    expect(outcomes({ registryImage: 'public.ecr.aws/x:1' })).toEqual(['fail check found nothing to judge']);
  });
});
