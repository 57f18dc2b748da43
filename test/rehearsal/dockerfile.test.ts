import * as fs from 'fs';
import * as path from 'path';
import { aptPackagesOf, debianSuiteOf, parseDockerfile } from '../../scripts/rehearsal/dockerfile';

const DUMP = fs.readFileSync(path.join(__dirname, '../../lib/backup/dump-task/container/Dockerfile'), 'utf8');

describe('the rehearsal Dockerfile parser', () => {
  test('reads the dump image: trixie base, the packages apt-get installs, the ADD mode, the VOLUME and the user', () => {
    const steps = parseDockerfile(DUMP);
    expect(steps[0]).toEqual({ kind: 'FROM', image: 'public.ecr.aws/docker/library/debian:trixie-slim' });
    expect(debianSuiteOf((steps[0] as { image: string }).image)).toBe('trixie');
    expect(aptPackagesOf(steps)).toEqual(['awscli', 'ca-certificates', 'gnupg', 'postgresql-client-17']);
    expect(steps).toContainEqual(
      expect.objectContaining({ kind: 'ADD', dest: '/etc/ssl/certs/rds-global-bundle.pem', chmod: 0o444 }),
    );
    expect(steps).toContainEqual({ kind: 'VOLUME', paths: ['/scratch'] });
    expect(steps).toContainEqual({ kind: 'USER', user: '10001' });
    expect(steps).toContainEqual({ kind: 'ENTRYPOINT', argv: ['/usr/local/bin/dump.sh'] });
  });

  test('reads ENV in both forms and shell-form commands', () => {
    expect(parseDockerfile('FROM debian:trixie\nENV A=1 B="two words"\nENV C three\nCMD echo hi')).toEqual([
      { kind: 'FROM', image: 'debian:trixie' },
      { kind: 'ENV', vars: { A: '1', B: 'two words' } },
      { kind: 'ENV', vars: { C: 'three' } },
      { kind: 'CMD', argv: ['/bin/sh', '-c', 'echo hi'] },
    ]);
  });

  test('fails when an instruction is not supported, naming it', () => {
    expect(() => parseDockerfile('FROM debian:trixie\nHEALTHCHECK CMD true')).toThrow(/HEALTHCHECK is not supported/);
    expect(() => parseDockerfile('FROM debian:trixie AS build')).toThrow(/multi-stage builds are not supported/);
    expect(() => parseDockerfile('FROM debian:trixie\nCOPY --link a /b')).toThrow(/COPY --link is not supported/);
  });

  test('fails when the base is not Debian', () => {
    expect(() => debianSuiteOf('alpine:3.20')).toThrow(/builds Debian bases only/);
  });
});
