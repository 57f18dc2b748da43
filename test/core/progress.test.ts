import { reportProgress, showsProgress } from '../../lib/core/progress';

// Progress lines show at a terminal and stay out of CI logs and pipes.
function capture(isTTY: boolean | undefined, env: Record<string, string | undefined>): string {
  let text = '';
  reportProgress('judging stage prod', { isTTY, write: (t: string) => (text += t) }, env);
  return text;
}

describe('progress lines', () => {
  test('a terminal outside CI sees one line per phase', () => {
    expect(capture(true, {})).toBe('secure-platform: judging stage prod\n');
  });

  test.each([
    ['CI is set', true, { CI: 'true' }],
    ['stderr is piped', false, {}],
    ['they are switched off', true, { SECURE_PLATFORM_PROGRESS: '0' }],
    ['CI is set, even when asked for', true, { CI: '1', SECURE_PLATFORM_PROGRESS: '1' }],
  ])('nothing is printed when %s', (_, isTTY, env) => {
    expect(capture(isTTY, env)).toBe('');
  });

  test('a piped stderr shows them when the terminal that started the run asks (npm run synth through the CDK CLI)', () => {
    expect(showsProgress({ isTTY: false, write: () => true }, { SECURE_PLATFORM_PROGRESS: '1' })).toBe(true);
    expect(showsProgress({ isTTY: false, write: () => true }, { CI: 'false', SECURE_PLATFORM_PROGRESS: '1' })).toBe(
      true,
    );
  });
});
