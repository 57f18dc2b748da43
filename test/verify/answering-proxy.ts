import * as http from 'http';
import type { AddressInfo } from 'net';

/**
 * A loopback HTTP server in front of moto: verify's real SDK clients talk to it as to AWS, it answers the calls a
 * test gives an answer for with a response on the wire (JSON bodies as AWS sends them, or an error in the service's
 * protocol), and passes every other request to moto unchanged. So a documented response goes through the SDK's own
 * deserializer (epoch-second timestamps become Dates, as they do from AWS), which an SDK middleware cannot do.
 */

/** One request as the proxy sees it: the service (from SigV4's credential scope) and the operation. */
export interface Call {
  readonly service: string;
  readonly region: string;
  readonly operation: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: string;
}

/** What to send back: a JSON body (status 200 unless told), or a denial in the service's error format. */
export type Answer = { readonly json: object; readonly status?: number } | { readonly deny: string };

/**
 * By `<service>.<Operation>` (the SigV4 signing name and the API's operation name), or `*` for every call without
 * its own; an answer of undefined passes the call to moto.
 */
export type Answers = Readonly<Record<string, (call: Call) => Answer | undefined>>;

// The operations verify calls on REST protocols, by method and path (JSON and query protocols name theirs).
const REST_OPERATIONS: readonly { service: string; method: string; path: RegExp; query?: string; operation: string }[] =
  [
    { service: 'backup', method: 'GET', path: /^\/backup-jobs\/?$/, operation: 'ListBackupJobs' },
    { service: 'backup', method: 'GET', path: /^\/copy-jobs\/?$/, operation: 'ListCopyJobs' },
    {
      service: 'backup',
      method: 'GET',
      path: /^\/resources\/[^/]+\/restore-jobs\/?$/,
      operation: 'ListRestoreJobsByProtectedResource',
    },
    { service: 'securityhub', method: 'POST', path: /^\/standards\/get\/?$/, operation: 'GetEnabledStandards' },
    { service: 'guardduty', method: 'GET', path: /^\/detector\/?$/, operation: 'ListDetectors' },
    { service: 'guardduty', method: 'GET', path: /^\/detector\/[^/]+\/?$/, operation: 'GetDetector' },
    { service: 's3', method: 'GET', path: /^\/[^/]+\/?$/, query: 'replication', operation: 'GetBucketReplication' },
    { service: 's3', method: 'GET', path: /^\/[^/]+\/?$/, query: 'list-type', operation: 'ListObjectsV2' },
  ];

const XML_SERVICES = new Set(['s3', 'cloudformation', 'sts']);

function operationOf(req: http.IncomingMessage, service: string, path: string, query: URLSearchParams, body: string) {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? '';
  const action = new URLSearchParams(body).get('Action');
  if (action && (service === 'cloudformation' || service === 'sts')) return action;
  return (
    REST_OPERATIONS.find(
      (o) =>
        o.service === service &&
        o.method === req.method &&
        o.path.test(path) &&
        (o.query === undefined || query.has(o.query)),
    )?.operation ?? ''
  );
}

/** An AccessDenied as the service sends it: JSON protocols by x-amzn-errortype and __type, XML ones by <Code>. */
function denial(service: string, message: string): { status: number; type: string; body: string } {
  if (service === 's3')
    return {
      status: 403,
      type: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>${message}</Message><RequestId>DENIED</RequestId></Error>`,
    };
  if (XML_SERVICES.has(service))
    return {
      status: 403,
      type: 'text/xml',
      body: `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${message}</Message></Error><RequestId>DENIED</RequestId></ErrorResponse>`,
    };
  return {
    status: 403,
    type: 'application/json',
    body: JSON.stringify({ __type: 'AccessDeniedException', message }),
  };
}

export interface AnsweringProxy {
  readonly endpoint: string;
  /** The calls answered since the last `use` (tests: which documented answers were served). */
  readonly answered: readonly string[];
  /** The answers of the next runs, replacing the previous ones. */
  use(answers: Answers): void;
  close(): Promise<void>;
}

export async function startAnsweringProxy(motoEndpoint: string): Promise<AnsweringProxy> {
  const moto = new URL(motoEndpoint);
  let answers: Answers = {};
  const answered: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://proxy');
      const scope = /Credential=[^/]+\/[^/]+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
      const [region, service] = [scope?.[1] ?? '', scope?.[2] ?? ''];
      const body = raw.toString('utf8');
      const call: Call = {
        service,
        region,
        operation: operationOf(req, service, url.pathname, url.searchParams, body),
        path: decodeURIComponent(url.pathname),
        query: url.searchParams,
        body,
      };
      const key = `${call.service}.${call.operation}`;
      const answer = (answers[key] ?? answers['*'])?.(call);
      if (answer) {
        answered.push(key);
        const sent =
          'deny' in answer
            ? denial(service, answer.deny)
            : { status: answer.status ?? 200, type: 'application/json', body: JSON.stringify(answer.json) };
        res.writeHead(sent.status, {
          'content-type': sent.type,
          'x-amzn-requestid': 'answered-by-test',
          ...('deny' in answer && !XML_SERVICES.has(service) ? { 'x-amzn-errortype': 'AccessDeniedException' } : {}),
        });
        res.end(sent.body);
        return;
      }
      const forward = http.request(
        { host: moto.hostname, port: moto.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    answered,
    use: (next) => {
      answers = next;
      answered.splice(0);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
