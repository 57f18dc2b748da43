import { containersWriteOnlyWhatTheyOwn } from '../../../../lib/compliance/checks';
import { runChecks } from '../../../../lib/compliance/checks/run-checks';
import { modelWithContainer, TRIXIE_DUMP } from '../../../support/image-asset-fixture';

const outcomes = (f: Parameters<typeof modelWithContainer>[0]) =>
  runChecks(modelWithContainer(f), [containersWriteOnlyWhatTheyOwn]).map((r) => `${r.status} ${r.detail}`);
const scratch = [{ ContainerPath: '/scratch' }];

describe('HA1-ContainersWriteOnlyWhatTheyOwn', () => {
  test('Compliance', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP, mounts: scratch })).toEqual([
      'pass Task/Dump: /scratch (a VOLUME the image owns as uid 10001)',
    ]);
    expect(outcomes({ dockerfile: TRIXIE_DUMP, mounts: [{ ContainerPath: '/x', ReadOnly: true }] })).toEqual([
      'pass Task/Dump: writes to no mount',
    ]);
  });

  test('Noncompliance 1: a writable mount the image does not declare a VOLUME (root-owned 0755 on Fargate)', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP.replace('VOLUME /scratch', ''), mounts: scratch })).toEqual([
      'fail Task/Dump: cannot write /scratch (not a VOLUME of the image: Fargate mounts it root-owned 0755)',
    ]);
  });

  test('Noncompliance 2: a VOLUME owned by another user', () => {
    expect(outcomes({ dockerfile: TRIXIE_DUMP, mounts: scratch, user: '1000' })).toEqual([
      'fail Task/Dump: cannot write /scratch (a VOLUME owned by another user than 1000)',
    ]);
  });

  test('Noncompliance 3: an image from a registry, whose Dockerfile cannot be read', () => {
    expect(outcomes({ registryImage: 'public.ecr.aws/nginx/nginx-unprivileged:stable', mounts: scratch })).toEqual([
      'fail Task/Dump: its image is not built from a Dockerfile of the app, so its mounts cannot be judged',
    ]);
  });
});
