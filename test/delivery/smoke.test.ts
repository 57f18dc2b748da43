import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli/secure-platform';
import { runSmokeChecks, SmokeCheckId, SmokeResult } from '../../lib/cli/smoke';

/**
 * The smoke checks against local servers on loopback: one that behaves as the platform's load balancer does, and
 * ones that each break one promise. The certificate is self-signed by openssl for 127.0.0.1 and trusted through
 * `ca`, so the HTTPS check verifies it as it verifies the platform's.
 */
const HOST = '127.0.0.1';
const NOW = new Date();
const inAYear = new Date(NOW.getTime() + 300 * 86_400_000).toISOString();
const lastWeek = new Date(NOW.getTime() - 7 * 86_400_000).toISOString();

interface Behaviour {
  readonly hsts?: string;
  readonly expires?: string;
  /** Plain HTTP serves the page instead of redirecting. */
  readonly httpServesContent?: boolean;
  /** The HTTPS server also accepts TLS 1.0 and 1.1. */
  readonly acceptsOldTls?: boolean;
}

const GOOD: Behaviour = { hsts: 'max-age=63072000; includeSubDomains', expires: inAYear };

let key: string;
let cert: string;
const servers: (http.Server | https.Server)[] = [];

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${HOST}`,
      '-addext',
      `subjectAltName=IP:${HOST}`,
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  key = fs.readFileSync(path.join(dir, 'key.pem'), 'utf8');
  cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, HOST, () => resolve((server.address() as AddressInfo).port)));
}

/** An HTTPS and an HTTP listener behaving as told; resolves to their URLs. */
async function platform(behaviour: Behaviour): Promise<{ url: URL; httpUrl: URL }> {
  const tlsOptions = behaviour.acceptsOldTls
    ? // Node refuses TLS 1.1 by default: a lower floor and OpenSSL's security level 0 let it through.
      { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' }
    : { minVersion: 'TLSv1.2' as const };
  const httpsPort = await listen(
    https.createServer({ key, cert, ...tlsOptions }, (req, res) => {
      if (behaviour.hsts) res.setHeader('Strict-Transport-Security', behaviour.hsts);
      if (req.url === '/.well-known/security.txt') {
        res.setHeader('Content-Type', 'text/plain');
        res.end(`Contact: mailto:security@acme-widgets.dev\nExpires: ${behaviour.expires}\n`);
        return;
      }
      res.end('<html>the platform</html>'.padEnd(2000, ' '));
    }),
  );
  const httpPort = await listen(
    http.createServer((_req, res) => {
      if (behaviour.httpServesContent) {
        res.end('<html>the platform, unencrypted</html>'.padEnd(2000, ' '));
        return;
      }
      res.writeHead(301, { Location: `https://${HOST}:${httpsPort}/` });
      res.end();
    }),
  );
  return { url: new URL(`https://${HOST}:${httpsPort}/`), httpUrl: new URL(`http://${HOST}:${httpPort}/`) };
}

async function smoke(behaviour: Behaviour): Promise<Record<SmokeCheckId, SmokeResult>> {
  const { url, httpUrl } = await platform(behaviour);
  const results = await runSmokeChecks({ url, httpUrl, ca: cert, now: NOW, timeoutMs: 5000 });
  return Object.fromEntries(results.map((r) => [r.check, r])) as Record<SmokeCheckId, SmokeResult>;
}

const failing = (results: Record<SmokeCheckId, SmokeResult>) =>
  Object.values(results)
    .filter((r) => !r.ok)
    .map((r) => r.check);

describe('secure-platform smoke', () => {
  test('a platform that behaves passes every check', async () => {
    const results = await smoke(GOOD);
    expect(Object.values(results).map((r) => [r.check, r.ok, r.detail])).toEqual([
      ['https-hsts', true, expect.stringContaining('max-age=63072000')],
      ['http-redirects-only', true, expect.stringMatching(/^HTTP 301 to https:\/\/127\.0\.0\.1:\d+\/$/)],
      ['tls-below-1.2-refused', true, expect.stringContaining('TLS 1.1 refused')],
      ['security-txt-current', true, `Expires ${inAYear}`],
    ]);
  });

  test('fails when HTTPS sends no HSTS', async () => {
    const results = await smoke({ ...GOOD, hsts: undefined });
    expect(failing(results)).toEqual(['https-hsts']);
    expect(results['https-hsts'].detail).toBe('HTTP 200 without Strict-Transport-Security');
  });

  test('fails when HSTS holds less than a year', async () => {
    const results = await smoke({ ...GOOD, hsts: 'max-age=86400' });
    expect(failing(results)).toEqual(['https-hsts']);
  });

  test('fails when plain HTTP serves content', async () => {
    const results = await smoke({ ...GOOD, httpServesContent: true });
    expect(failing(results)).toEqual(['http-redirects-only']);
    expect(results['http-redirects-only'].detail).toBe('HTTP answered 200, not a permanent redirect (301 or 308)');
  });

  test('fails when security.txt has expired', async () => {
    const results = await smoke({ ...GOOD, expires: lastWeek });
    expect(failing(results)).toEqual(['security-txt-current']);
    expect(results['security-txt-current'].detail).toBe(`security.txt expired on ${lastWeek}`);
  });

  test('fails when the server accepts a TLS 1.1 handshake', async () => {
    const results = await smoke({ ...GOOD, acceptsOldTls: true });
    expect(failing(results)).toEqual(['tls-below-1.2-refused']);
    expect(results['tls-below-1.2-refused'].detail).toBe('the server completed a TLSv1.1 handshake');
  });

  test('fails when the certificate does not verify (no trusted CA given)', async () => {
    const { url, httpUrl } = await platform(GOOD);
    const results = await runSmokeChecks({ url, httpUrl, now: NOW, timeoutMs: 5000 });
    expect(results.find((r) => r.check === 'https-hsts')).toMatchObject({ ok: false });
  });

  test('the command prints one line per check and exits 1 on a failure', async () => {
    const { url, httpUrl } = await platform({ ...GOOD, expires: lastWeek });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-ca-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), cert);
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    try {
      const code = await main([
        'smoke',
        '--url',
        url.href,
        '--http-url',
        httpUrl.href,
        '--ca',
        path.join(dir, 'ca.pem'),
      ]);
      expect(code).toBe(1);
    } finally {
      log.mockRestore();
    }
    expect(printed.map((l) => l.split(':')[0])).toEqual([
      'PASS https-hsts',
      'PASS http-redirects-only',
      'PASS tls-below-1.2-refused',
      'FAIL security-txt-current',
    ]);
  });
});
