import { EventEmitter } from 'events';

/**
 * The bootstrap handler's answer to CloudFormation is a PUT to a pre-signed S3 URL; S3 refuses a bad or expired one
 * with a non-2xx status, which must fail the invocation (and be logged) rather than pass for an answer given.
 */
const answers: { status: number; body: string }[] = [];
const sent: string[] = [];

jest.mock('https', () => ({
  request: (_url: string, _options: unknown, onResponse: (r: EventEmitter & { statusCode: number }) => void) => {
    const request = new EventEmitter() as EventEmitter & { end: (body: string) => void };
    request.end = (body: string) => {
      sent.push(body);
      const { status, body: answer } = answers.shift() ?? { status: 200, body: '' };
      const response = Object.assign(new EventEmitter(), { statusCode: status, resume: () => undefined });
      onResponse(response);
      response.emit('data', Buffer.from(answer));
      response.emit('end');
    };
    return request;
  },
}));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require('../../lib/data/database-bootstrap/index.js') as {
  handler: (event: Record<string, unknown>) => Promise<string>;
};

const deleteEvent = {
  RequestType: 'Delete',
  ResponseURL: 'https://cloudformation-custom-resource-response.s3.amazonaws.com/signed',
  StackId: 'stack',
  RequestId: 'request',
  LogicalResourceId: 'Bootstrap',
  PhysicalResourceId: 'cluster/bootstrap',
  ResourceProperties: {},
};

describe('the bootstrap custom resource answers CloudFormation', () => {
  let errors: jest.SpyInstance;
  beforeEach(() => {
    answers.length = 0;
    sent.length = 0;
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => errors.mockRestore());

  test('a 200 from the pre-signed URL is an answer given', async () => {
    answers.push({ status: 200, body: '' });
    await expect(handler.handler(deleteEvent)).resolves.toBe('SUCCESS');
    expect(JSON.parse(sent[0])).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'cluster/bootstrap' });
    expect(errors).not.toHaveBeenCalled();
  });

  test('fails when the pre-signed URL refuses the answer (403 on every try), and logs the status', async () => {
    answers.push({ status: 403, body: '<Error><Code>AccessDenied</Code></Error>' });
    answers.push({ status: 403, body: '<Error><Code>AccessDenied</Code></Error>' });
    await expect(handler.handler(deleteEvent)).rejects.toThrow(
      /CloudFormation response FAILED was refused: HTTP 403 <Error><Code>AccessDenied/,
    );
    // The SUCCESS was refused, then the FAILED it fell back to: both logged.
    expect(sent.map((b) => (JSON.parse(b) as { Status: string }).Status)).toEqual(['SUCCESS', 'FAILED']);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/response SUCCESS was refused: HTTP 403/));
  });

  test('a refused SUCCESS falls back to FAILED, which CloudFormation then hears instead of waiting an hour', async () => {
    answers.push({ status: 500, body: 'InternalError' });
    answers.push({ status: 200, body: '' });
    await expect(handler.handler(deleteEvent)).resolves.toBe('FAILED');
    expect(JSON.parse(sent[1])).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/HTTP 500/) });
  });
});
