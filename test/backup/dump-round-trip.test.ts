/**
 * The GPG dump and restore scripts, run for real: a throwaway PostgreSQL server on loopback with TLS, fixture rows,
 * the very dump.sh the container runs, a throwaway GPG key pair, and the very restore.sh of the runbook. Nothing is
 * skipped: when a tool is missing the test fails and says how to install it (scripts/ensure-dump-tools.sh).
 */
import { execFileSync, spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort } from '../../scripts/rehearsal/free-port';

const CONTAINER_DIR = path.join(__dirname, '../../lib/backup/dump-task/container');
const DUMP_SCRIPT = path.join(CONTAINER_DIR, 'dump.sh');
const RESTORE_SCRIPT = path.join(CONTAINER_DIR, 'restore.sh');
const PASSWORD = 'round-trip-Secret-1';
/** Values that must never appear in the encrypted dump. */
const FIXTURE_ROWS = [
  { id: 1, name: 'Zebulon Quartzfeather', email: 'zebulon.quartzfeather@example.org', note: 'plaintext-marker-7f3a9c' },
  { id: 2, name: 'Ottilie Brambleworth', email: 'ottilie@brambleworth.example', note: 'customer secret: blue heron' },
  { id: 3, name: 'Łukasz Żółć', email: 'lukasz@example.pl', note: 'unicode ✓ survives' },
];

interface Tools {
  readonly bin: string;
}

function findTools(): Tools {
  const roots = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort().reverse() : [];
  const bin = roots
    .map((v) => `/usr/lib/postgresql/${v}/bin`)
    .find((d) => fs.existsSync(`${d}/initdb`) && fs.existsSync(`${d}/pg_ctl`));
  const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  const missing = [
    ...(bin ? [] : ['initdb/pg_ctl under /usr/lib/postgresql/*/bin']),
    ...['gpg', 'psql', 'pg_dump', 'pg_restore', 'openssl', 'bash'].filter((t) => !onPath(t)),
  ];
  if (missing.length) {
    throw new Error(
      `The dump round-trip test needs ${missing.join(', ')}. Run 'bash scripts/ensure-dump-tools.sh' first (CI does).`,
    );
  }
  return { bin: bin! };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
}

function ok(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = run(cmd, args, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

describe('GPG dump and restore scripts against a real PostgreSQL', () => {
  const asRoot = process.getuid?.() === 0;
  let tools: Tools;
  let dir: string;
  let dataDir: string;
  let port: number;
  let pg: NodeJS.ProcessEnv;
  let recipientHome: string;
  let strangerHome: string;
  let publicKey: string;
  let dumpFile: string;
  let dumpResult: SpawnSyncReturns<string>;

  /** Server-side commands run as the postgres user when the test runs as root (initdb refuses root). */
  const server = (tool: string, args: string[]) =>
    asRoot
      ? ok('runuser', ['-u', 'postgres', '--', path.join(tools.bin, tool), ...args])
      : ok(path.join(tools.bin, tool), args);
  const psql = (database: string, sql: string) =>
    ok(
      'psql',
      ['--no-psqlrc', '--tuples-only', '--no-align', '--set=ON_ERROR_STOP=1', '--dbname', database, '--command', sql],
      pg,
    );

  beforeAll(async () => {
    tools = findTools();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dump-round-trip-'));
    fs.chmodSync(dir, 0o755);
    dataDir = path.join(dir, 'data');
    const socketDir = path.join(dir, 'socket');
    fs.mkdirSync(socketDir);
    fs.mkdirSync(dataDir, { mode: 0o700 });
    port = await freePort();

    // TLS with a throwaway self-signed P-256 certificate, so the scripts' sslmode=require is really exercised.
    const cert = path.join(dir, 'server.crt');
    const key = path.join(dir, 'server.key');
    ok('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    fs.chmodSync(key, 0o600);
    const pwFile = path.join(dir, 'pw');
    fs.writeFileSync(pwFile, PASSWORD);
    if (asRoot) {
      for (const f of [dataDir, socketDir, cert, key, pwFile]) ok('chown', ['postgres:postgres', f]);
    }
    server('initdb', [
      '--pgdata',
      dataDir,
      '--username',
      'dumper',
      '--auth',
      'scram-sha-256',
      '--pwfile',
      pwFile,
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      // A throwaway cluster: no need to wait for its files to reach the disk.
      '--no-sync',
    ]);
    // Only TLS connections over loopback with a password; everything else is rejected.
    const hba = [
      'hostssl all all 127.0.0.1/32 scram-sha-256',
      'hostnossl all all 0.0.0.0/0 reject',
      'local all all reject',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), hba);
    const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c ssl=on -c ssl_cert_file=${cert} -c ssl_key_file=${key}`;
    server('pg_ctl', [
      '--pgdata',
      dataDir,
      '--log',
      path.join(socketDir, 'server.log'),
      '--options',
      options,
      '--wait',
      'start',
    ]);

    pg = {
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: 'dumper',
      PGPASSWORD: PASSWORD,
      PGSSLMODE: 'require',
      PGDATABASE: 'app',
    };
    psql('postgres', 'CREATE DATABASE app');
    psql('app', 'CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL, note text)');
    for (const r of FIXTURE_ROWS) {
      psql('app', `INSERT INTO customers VALUES (${r.id}, '${r.name}', '${r.email}', '${r.note}')`);
    }

    // The recipient's key pair lives only here (in production: outside AWS); a stranger has another pair.
    const makeKeyring = (name: string) => {
      const home = path.join(dir, `gnupg-${name}`);
      fs.mkdirSync(home, { mode: 0o700 });
      ok('gpg', [
        '--homedir',
        home,
        '--batch',
        '--passphrase',
        '',
        '--quick-gen-key',
        `${name} <${name}@dump-test.invalid>`,
        // Curve25519 keys: generated in milliseconds where GnuPG's default RSA-3072 takes about a second each, and
        // the scripts encrypt to whatever public key they are given.
        'future-default',
        'default',
        'never',
      ]);
      return home;
    };
    recipientHome = makeKeyring('recipient');
    strangerHome = makeKeyring('stranger');
    publicKey = ok('gpg', ['--homedir', recipientHome, '--armor', '--export']);

    dumpFile = path.join(dir, 'out', 'app.pgdump.gpg');
    // The dump runs with no keyring of its own: only the armored public key from its environment.
    dumpResult = run('bash', [DUMP_SCRIPT], {
      ...pg,
      GNUPGHOME: '',
      GPG_RECIPIENT_KEY: publicKey,
      DUMP_TARGET: `file://${dumpFile}`,
    });
  });

  afterAll(() => {
    if (dataDir && fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      try {
        server('pg_ctl', ['--pgdata', dataDir, '--mode', 'immediate', '--wait', 'stop']);
      } catch {
        // the server is gone already
      }
    }
    for (const home of [recipientHome, strangerHome]) {
      if (home) run('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the server refuses connections without TLS, so the scripts really use it', () => {
    const r = run('psql', ['--no-psqlrc', '--command', 'SELECT 1'], { ...pg, PGSSLMODE: 'disable' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no encryption|reject/);
  });

  test('dump.sh writes an OpenPGP message to the file target', () => {
    expect(dumpResult.stderr).toBe('');
    expect(dumpResult.status).toBe(0);
    expect(dumpResult.stdout).toMatch(/^dump: app encrypted to [0-9A-F]{40} and written to /);
    // Listed with the stranger's keyring: the packets show who can read it, the payload stays sealed.
    const packets = run('gpg', ['--homedir', strangerHome, '--batch', '--list-packets', dumpFile]);
    expect(packets.stdout).toMatch(/:pubkey enc packet:/);
    expect(packets.stdout).toMatch(/:encrypted data packet:/);
    expect(packets.stderr).toMatch(/decryption failed: No secret key/);
  });

  test("dump.sh writes the dump's digest record beside it, and sha256sum --check accepts the dump", () => {
    const record = fs.readFileSync(`${dumpFile}.sha256`, 'utf8');
    expect(record).toMatch(new RegExp(`^[0-9a-f]{64}  ${path.basename(dumpFile).replace(/\./g, '\\.')}\n$`));
    expect(dumpResult.stdout).toContain(`(${fs.statSync(dumpFile).size} bytes, sha256 ${record.slice(0, 64)};`);
    const check = spawnSync('sha256sum', ['--check', '--strict', `${path.basename(dumpFile)}.sha256`], {
      cwd: path.dirname(dumpFile),
      encoding: 'utf8',
    });
    expect([check.status, check.stdout]).toEqual([0, `${path.basename(dumpFile)}: OK\n`]);
  });

  test('the dump contains none of the fixture plaintext', () => {
    const bytes = fs.readFileSync(dumpFile);
    const texts = [bytes.toString('latin1'), bytes.toString('utf8')];
    for (const row of FIXTURE_ROWS) {
      for (const value of [row.name, row.email, row.note, 'customers', 'CREATE TABLE']) {
        for (const text of texts) expect(text).not.toContain(value);
      }
    }
  });

  test('restore.sh decrypts with the private key and restores every row into a fresh database', () => {
    psql('postgres', 'CREATE DATABASE restored');
    const r = run('bash', [RESTORE_SCRIPT], {
      ...pg,
      PGDATABASE: 'restored',
      GNUPGHOME: recipientHome,
      DUMP_SOURCE: dumpFile,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const query = "SELECT id || '|' || name || '|' || email || '|' || note FROM customers ORDER BY id";
    expect(psql('restored', query)).toBe(psql('app', query));
    expect(psql('restored', query).trim().split('\n')).toEqual(
      FIXTURE_ROWS.map((r) => `${r.id}|${r.name}|${r.email}|${r.note}`),
    );
  });

  test('a wrong key fails to decrypt and restores nothing', () => {
    psql('postgres', 'CREATE DATABASE wrong_key');
    const r = run('bash', [RESTORE_SCRIPT], {
      ...pg,
      PGDATABASE: 'wrong_key',
      GNUPGHOME: strangerHome,
      DUMP_SOURCE: dumpFile,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot decrypt .*does not hold the recipient's private key/);
    expect(psql('wrong_key', "SELECT count(*) FROM pg_tables WHERE tablename = 'customers'").trim()).toBe('0');
  });

  /** A pg_dump that fails its first `failures` runs after writing `bytes` bytes, with `error`, then runs the real one. */
  function flakyPgDump(
    name: string,
    failures: number,
    error: string,
    bytes = 4096,
  ): { path: string; runs: () => number } {
    const bin = path.join(dir, `shim-${name}`);
    fs.mkdirSync(bin);
    const counter = path.join(bin, 'runs');
    const real = ok('sh', ['-c', 'command -v pg_dump']).trim();
    fs.writeFileSync(
      path.join(bin, 'pg_dump'),
      [
        '#!/usr/bin/env bash',
        `n=$(cat ${counter} 2>/dev/null || echo 0); echo $((n + 1)) >${counter}`,
        `if ((n < ${failures})); then head -c ${bytes} /dev/urandom; echo 'pg_dump: error: ${error}' >&2; exit 1; fi`,
        `exec ${real} "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    return { path: `${bin}:${process.env.PATH}`, runs: () => Number(fs.readFileSync(counter, 'utf8')) };
  }

  test('retries a dump whose connection was lost, and writes only the whole dump of the later attempt', () => {
    const shim = flakyPgDump('lost', 1, 'connection to server lost: server closed the connection unexpectedly');
    const out = path.join(dir, 'retried', 'app.pgdump.gpg');
    const r = run('bash', [DUMP_SCRIPT], {
      ...pg,
      PATH: shim.path,
      GPG_RECIPIENT_KEY: publicKey,
      DUMP_TARGET: `file://${out}`,
      DUMP_RETRY_SECONDS: '0',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/attempt 1 of 3 could not reach the database; retrying in 0 s/);
    expect(shim.runs()).toBe(2);
    // The dump and its digest record, written after it: nothing of the failed attempt.
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['app.pgdump.gpg', 'app.pgdump.gpg.sha256']);
    psql('postgres', 'CREATE DATABASE retried');
    const restored = run('bash', [RESTORE_SCRIPT], {
      ...pg,
      PGDATABASE: 'retried',
      GNUPGHOME: recipientHome,
      DUMP_SOURCE: out,
    });
    expect(restored.status).toBe(0);
    expect(psql('retried', 'SELECT count(*) FROM customers').trim()).toBe(String(FIXTURE_ROWS.length));
  });

  test('fails at once, writing nothing, when pg_dump fails otherwise than by its connection', () => {
    const shim = flakyPgDump('denied', 1, 'query failed: ERROR:  permission denied for table customers');
    const out = path.join(dir, 'denied', 'app.pgdump.gpg');
    const r = run('bash', [DUMP_SCRIPT], {
      ...pg,
      PATH: shim.path,
      GPG_RECIPIENT_KEY: publicKey,
      DUMP_TARGET: `file://${out}`,
      DUMP_RETRY_SECONDS: '0',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/permission denied for table customers/);
    expect(r.stderr).toMatch(/attempt 1 of 3 failed; no dump was written/);
    expect(shim.runs()).toBe(1);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  test('gives up after DUMP_ATTEMPTS when the database stays unreachable', async () => {
    const closed = await freePort();
    const r = run('bash', [DUMP_SCRIPT], {
      ...pg,
      PGPORT: String(closed),
      GPG_RECIPIENT_KEY: publicKey,
      DUMP_TARGET: `file://${dir}/unreachable/app.pgdump.gpg`,
      DUMP_ATTEMPTS: '2',
      DUMP_RETRY_SECONDS: '0',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/Connection refused/);
    expect(r.stderr).toMatch(/attempt 1 of 2 could not reach the database; retrying/);
    expect(r.stderr).toMatch(/attempt 2 of 2 failed; no dump was written/);
    expect(fs.existsSync(`${dir}/unreachable`)).toBe(false);
  });

  test('fails when dump.sh is told to connect without TLS', () => {
    const r = run('bash', [DUMP_SCRIPT], {
      ...pg,
      PGSSLMODE: 'prefer',
      GPG_RECIPIENT_KEY: publicKey,
      DUMP_TARGET: `file://${dir}/x.gpg`,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/PGSSLMODE=prefer would allow an unencrypted connection/);
  });

  test('fails when dump.sh is handed a private key', () => {
    const secret = execFileSync('gpg', ['--homedir', strangerHome, '--batch', '--armor', '--export-secret-keys'], {
      encoding: 'utf8',
    });
    const r = run('bash', [DUMP_SCRIPT], { ...pg, GPG_RECIPIENT_KEY: secret, DUMP_TARGET: `file://${dir}/y.gpg` });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/contains a PRIVATE key block/);
    expect(fs.existsSync(`${dir}/y.gpg`)).toBe(false);
  });
});
