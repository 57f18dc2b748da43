import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS } from '../../lib/cli/commands';
import { main, UnknownCommandError } from '../../lib/cli/secure-platform';

// The first hour with the package's command: every command answers --help and --version without doing anything.
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };

async function run(...args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await main(args, (t) => lines.push(t));
  return { code, text: lines.join('\n') };
}

describe('secure-platform', () => {
  test('--version prints the package version', async () => {
    expect(await run('--version')).toEqual({ code: 0, text: pkg.version });
    expect(await run('-V')).toEqual({ code: 0, text: pkg.version });
  });

  test('--help lists every command with its summary', async () => {
    const { code, text } = await run('--help');
    expect(code).toBe(0);
    for (const c of COMMANDS) expect(text).toContain(`${c.name}  `);
  });

  test('no command prints the overview and exits 1', async () => {
    const { code, text } = await run();
    expect(code).toBe(1);
    expect(text).toMatch(/^Usage: secure-platform <command>/);
  });

  test.each(COMMANDS.map((c) => c.name))('%s --help and -h print its usage and run nothing', async (name) => {
    const usage = COMMANDS.find((c) => c.name === name)!.usage;
    expect(await run(name, '--help')).toEqual({ code: 0, text: usage });
    expect(await run(name, '--out', 'no-such-dir', '-h')).toEqual({ code: 0, text: usage });
    expect(await run('help', name)).toEqual({ code: 0, text: usage });
  });

  test.each(COMMANDS.map((c) => c.name))('%s --version prints the version', async (name) => {
    expect(await run(name, '--version')).toEqual({ code: 0, text: pkg.version });
  });

  test('an unknown command is named, with the commands there are', async () => {
    await expect(run('evidense')).rejects.toThrow(UnknownCommandError);
    await expect(run('evidense')).rejects.toThrow(
      /unknown command 'evidense': the commands are 'evidence', 'preflight'/,
    );
  });
});
