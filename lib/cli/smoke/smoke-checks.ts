import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';

/** HSTS must hold for at least a year (the platform sends two; browsers' preload list asks for one). */
export const MIN_HSTS_MAX_AGE_SECONDS = 31_536_000;
/** A redirect's body may at most be a short notice; anything longer is content served over plain HTTP. */
export const MAX_REDIRECT_BODY_BYTES = 512;

export type SmokeCheckId = 'https-hsts' | 'http-redirects-only' | 'tls-below-1.2-refused' | 'security-txt-current';

export interface SmokeResult {
  readonly check: SmokeCheckId;
  readonly ok: boolean;
  /** What was seen, in words. */
  readonly detail: string;
}

export interface SmokeTarget {
  /** The platform's HTTPS URL (`https://host[:port]`). */
  readonly url: URL;
  /** Its plain HTTP URL. @default - the same host on port 80 */
  readonly httpUrl?: URL;
  /** Extra trusted CA certificates (PEM); the system's are trusted too. @default - the system's only */
  readonly ca?: string;
  /** The moment security.txt's Expires is judged against. @default - now */
  readonly now?: Date;
  /** How long one request may take. @default 10000 */
  readonly timeoutMs?: number;
}

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function request(url: URL, target: SmokeTarget): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      method: 'GET',
      timeout: target.timeoutMs ?? 10_000,
      headers: { 'user-agent': 'secure-platform-smoke' },
      // The platform's certificate is verified as a browser would; `ca` adds a test CA to the system's.
      ...(url.protocol === 'https:' && target.ca ? { ca: [...tls.rootCertificates, target.ca] } : {}),
    };
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeout} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const failed = (check: SmokeCheckId, e: unknown): SmokeResult => ({
  check,
  ok: false,
  detail: `request failed: ${e instanceof Error ? e.message : String(e)}`,
});

/** HTTPS answers, with a certificate that verifies, and sends HSTS for at least a year. */
export async function checkHttpsHsts(target: SmokeTarget): Promise<SmokeResult> {
  const check = 'https-hsts';
  try {
    const answer = await request(target.url, target);
    const hsts = answer.headers['strict-transport-security'];
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? '')?.[1] ?? NaN);
    if (hsts === undefined)
      return { check, ok: false, detail: `HTTP ${answer.status} without Strict-Transport-Security` };
    if (!(maxAge >= MIN_HSTS_MAX_AGE_SECONDS))
      return { check, ok: false, detail: `Strict-Transport-Security '${hsts}' holds less than a year` };
    return { check, ok: true, detail: `HTTP ${answer.status}, Strict-Transport-Security '${hsts}'` };
  } catch (e) {
    return failed(check, e);
  }
}

/** Plain HTTP only redirects to HTTPS (301 or 308), serving no content. */
export async function checkHttpRedirectsOnly(target: SmokeTarget): Promise<SmokeResult> {
  const check = 'http-redirects-only';
  const url = target.httpUrl ?? new URL(`http://${target.url.hostname}/`);
  try {
    const answer = await request(url, target);
    const location = answer.headers.location ?? '';
    if (answer.status !== 301 && answer.status !== 308)
      return { check, ok: false, detail: `HTTP answered ${answer.status}, not a permanent redirect (301 or 308)` };
    if (!location.startsWith(`https://${target.url.hostname}`))
      return { check, ok: false, detail: `HTTP redirects to '${location}', not to https://${target.url.hostname}` };
    const size = Buffer.byteLength(answer.body);
    if (size > MAX_REDIRECT_BODY_BYTES)
      return { check, ok: false, detail: `the redirect carries ${size} bytes of content over plain HTTP` };
    return { check, ok: true, detail: `HTTP ${answer.status} to ${location}` };
  } catch (e) {
    return failed(check, e);
  }
}

/**
 * A TLS 1.1 handshake is refused. The client offers TLS 1.1 only, with OpenSSL's security level lowered so that it
 * can offer it at all: a server that accepts proves the check can see the difference.
 */
export function checkOldTlsRefused(target: SmokeTarget): Promise<SmokeResult> {
  const check = 'tls-below-1.2-refused';
  const port = Number(target.url.port || 443);
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: target.url.hostname,
      port,
      servername: net.isIP(target.url.hostname) ? undefined : target.url.hostname,
      minVersion: 'TLSv1.1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT@SECLEVEL=0',
      // Only the protocol is judged here; the HTTPS check verifies the certificate.
      rejectUnauthorized: false,
      timeout: target.timeoutMs ?? 10_000,
    });
    socket.once('secureConnect', () => {
      const protocol = socket.getProtocol();
      socket.destroy();
      resolve({ check, ok: false, detail: `the server completed a ${protocol} handshake` });
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve({ check, ok: false, detail: 'no answer to a TLS 1.1 handshake within the timeout (cannot tell)' });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const refused = /ssl|tls|protocol|alert|handshake|ECONNRESET|socket hang up/i.test(
        `${e.code ?? ''} ${e.message}`,
      );
      resolve(
        refused
          ? { check, ok: true, detail: `TLS 1.1 refused (${e.code ?? e.message})` }
          : { check, ok: false, detail: `could not reach the server: ${e.message}` },
      );
    });
  });
}

/** `/.well-known/security.txt` answers 200 and its Expires lies in the future (RFC 9116). */
export async function checkSecurityTxt(target: SmokeTarget): Promise<SmokeResult> {
  const check = 'security-txt-current';
  const url = new URL('/.well-known/security.txt', target.url);
  try {
    const answer = await request(url, target);
    if (answer.status !== 200) return { check, ok: false, detail: `${url.pathname} answered ${answer.status}` };
    const expires = /^Expires:\s*(.+)$/im.exec(answer.body)?.[1]?.trim();
    if (!expires) return { check, ok: false, detail: `${url.pathname} has no Expires field` };
    const at = new Date(expires);
    if (Number.isNaN(at.getTime())) return { check, ok: false, detail: `Expires '${expires}' is not a date` };
    const now = target.now ?? new Date();
    if (at <= now) return { check, ok: false, detail: `security.txt expired on ${at.toISOString()}` };
    return { check, ok: true, detail: `Expires ${at.toISOString()}` };
  } catch (e) {
    return failed(check, e);
  }
}

/** Every smoke check against one target, in order. */
export async function runSmokeChecks(target: SmokeTarget): Promise<SmokeResult[]> {
  return [
    await checkHttpsHsts(target),
    await checkHttpRedirectsOnly(target),
    await checkOldTlsRefused(target),
    await checkSecurityTxt(target),
  ];
}
