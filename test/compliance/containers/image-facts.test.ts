import * as fs from 'fs';
import * as path from 'path';
import {
  engineMajor,
  platformPin,
  postgresClientMajor,
  writablePaths,
} from '../../../lib/compliance/containers/image-facts';

const DUMP_DOCKERFILE = fs.readFileSync(
  path.join(__dirname, '../../../lib/backup/dump-task/container/Dockerfile'),
  'utf8',
);
const SERVICE_DOCKERFILE = fs.readFileSync(
  path.join(__dirname, '../../../lib/compute/default-image/Dockerfile'),
  'utf8',
);
const BOOKWORM = `FROM public.ecr.aws/docker/library/debian:bookworm-slim
RUN apt-get update \\
 && apt-get install -y --no-install-recommends postgresql-client gnupg awscli ca-certificates \\
 && useradd --system --uid 10001 dump
USER 10001
`;
const DUMP_CONTAINER = {
  User: '10001',
  ReadonlyRootFilesystem: true,
  MountPoints: [{ SourceVolume: 'scratch', ContainerPath: '/scratch', ReadOnly: false }],
};

describe('postgresClientMajor', () => {
  test('reads the versioned client of the dump image: 17, the engine major', () => {
    expect(postgresClientMajor(DUMP_DOCKERFILE)).toEqual({ major: 17, source: 'postgresql-client-17' });
  });

  test("reads an unversioned client as the suite's default: bookworm installs 15, below Aurora 17", () => {
    expect(postgresClientMajor(BOOKWORM)).toEqual({ major: 15, source: 'postgresql-client (bookworm)' });
    expect(postgresClientMajor(BOOKWORM).major!).toBeLessThan(engineMajor('17.4')!);
  });

  test('says nothing when the image installs no client', () => {
    expect(postgresClientMajor(SERVICE_DOCKERFILE)).toEqual({});
  });
});

describe('writablePaths', () => {
  test('the dump image owns /scratch as uid 10001, so the task can write it', () => {
    expect(writablePaths(DUMP_DOCKERFILE, DUMP_CONTAINER)).toEqual([
      { path: '/scratch', writable: true, reason: 'a VOLUME the image owns as uid 10001' },
    ]);
  });

  test('the default service image declares /tmp, which Debian leaves 1777', () => {
    const facts = writablePaths(SERVICE_DOCKERFILE, {
      User: '1000:1000',
      ReadonlyRootFilesystem: true,
      MountPoints: [{ ContainerPath: '/tmp' }],
    });
    expect(facts).toEqual([
      { path: '/tmp', writable: true, reason: 'a VOLUME the image leaves world-writable (1777)' },
    ]);
  });

  test('fails when the path is not a VOLUME of the image (root-owned 0755 on Fargate)', () => {
    expect(writablePaths(BOOKWORM, DUMP_CONTAINER)[0]).toMatchObject({ path: '/scratch', writable: false });
  });

  test('fails when the VOLUME belongs to another uid', () => {
    const other = DUMP_DOCKERFILE.replace('chown 10001:10001 /scratch', 'chown 10002:10002 /scratch');
    expect(writablePaths(other, DUMP_CONTAINER)[0]).toEqual({
      path: '/scratch',
      writable: false,
      reason: 'a VOLUME owned by another user than 10001',
    });
  });

  test('fails when the VOLUME is left root-owned', () => {
    const rootOwned = DUMP_DOCKERFILE.replace(' \\\n && chown 10001:10001 /scratch', '');
    expect(rootOwned).not.toContain('chown');
    expect(writablePaths(rootOwned, DUMP_CONTAINER)[0]).toMatchObject({
      writable: false,
      reason: 'a VOLUME the image leaves root-owned',
    });
  });

  test('a read-only mount is not a written path', () => {
    expect(
      writablePaths(DUMP_DOCKERFILE, {
        ...DUMP_CONTAINER,
        MountPoints: [{ ContainerPath: '/scratch', ReadOnly: true }],
      }),
    ).toEqual([]);
  });
});

describe('platformPin', () => {
  test('linux/amd64 for an X86_64 task is pinned', () => {
    expect(platformPin('linux/amd64', 'X86_64')).toMatchObject({ pinned: true });
  });

  test('fails when the asset names no platform (built for the deploying machine)', () => {
    expect(platformPin(undefined, 'X86_64')).toMatchObject({
      pinned: false,
      reason: expect.stringMatching(/linux\/amd64/),
    });
  });

  test('fails when the platform is not the task architecture', () => {
    expect(platformPin('linux/arm64', 'X86_64')).toMatchObject({ pinned: false });
    expect(platformPin('linux/amd64', 'ARM64')).toMatchObject({ pinned: false });
  });
});
