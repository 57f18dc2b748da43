import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '../..');

describe('npm run synth -- -c configFile=...', () => {
  test('hands the config file to the app, which prints one block without a stack trace and exits 1', () => {
    // GIVEN a config file with a typo and a string for a number
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-command-'));
    const configFile = path.join(dir, 'my.json');
    fs.writeFileSync(configFile, JSON.stringify({ alertEmail: ['ops@x.example'], database: { readers: '3' } }));
    const outdir = path.join(dir, 'out');
    // WHEN: the command the README documents
    const run = spawnSync('npm', ['run', '--silent', 'synth', '--', '-c', `configFile=${configFile}`, '-o', outdir], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: '1' },
    });
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Invalid platform config in ${configFile} for environment 'prod' (2 problems):`);
    expect(run.stderr).toContain(
      '- alertEmail = ["ops@x.example"]: is not a setting of the platform config. Fix: rename it to \'alertEmails\'',
    );
    expect(run.stderr).toContain(
      '- database.readers = "3": is a string, not a number. Fix: write a number without quotes',
    );
    expect(run.stderr.match(/Invalid platform config/g)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(run.stdout).not.toContain('Evidence written');
    const written = fs.existsSync(outdir) ? fs.readdirSync(outdir, { recursive: true }).map(String) : [];
    expect(written.filter((f) => f.endsWith('.template.json'))).toEqual([]);
  });
});
