import { groupAcknowledgments, groupByReason } from '../../../lib/compliance/evidence/report/claim-facts';
import { MarkdownDocument } from '../../../lib/compliance/evidence/report/markdown';
import { formatValue } from '../../../lib/compliance/evidence/report/values';
import { renderedTables } from './report-support';

describe('the report’s parts', () => {
  test('a table after a bullet or a paragraph still renders as a table (a blank line between blocks)', () => {
    const md = new MarkdownDocument()
      .bullets(['a finding'])
      .table(['a', 'b'], [['1', '2']])
      .paragraph('Checks:')
      .table(['c'], [['3'], ['4 | with a pipe']])
      .toString();
    expect(md).toContain('- a finding\n\n| a | b |');
    expect(renderedTables(md).map((t) => t.rows)).toEqual([
      [2, 2],
      [1, 1, 1],
    ]);
  });

  test('pads short rows to the header’s columns', () => {
    expect(renderedTables(new MarkdownDocument().table(['a', 'b', 'c'], [['1']]).toString())[0].rows).toEqual([3, 3]);
  });

  test('one finding acknowledged on three resources by three packs with one reason is one line "on 3 resources"', () => {
    const reason = 'Access logs are operational records of this region.';
    const acks = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'].flatMap((pack) =>
      ['a', 'b', 'c'].map((r) => ({
        pack,
        rule: `${pack}-S3BucketReplicationEnabled`,
        reason,
        resources: [`prod/${r}`],
      })),
    );
    expect(groupAcknowledgments(acks)).toEqual([
      {
        finding: 'S3BucketReplicationEnabled',
        packs: ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'],
        reason,
        resources: ['prod/a', 'prod/b', 'prod/c'],
      },
    ]);
    expect(groupAcknowledgments([...acks, { ...acks[0], reason: 'another reason' }])).toHaveLength(2);
  });

  test('findings of different rules accepted for one reason share one line, their resources counted once', () => {
    const reason = 'This bucket is a declared destination of access logs; logging into itself would loop.';
    expect(
      groupByReason([
        { pack: 'AwsSolutions', rule: 'AwsSolutions-S1', reason, resources: ['prod/logs'] },
        { pack: 'NIST.800.53.R5', rule: 'NIST.800.53.R5-S3BucketLoggingEnabled', reason, resources: ['prod/logs'] },
      ]),
    ).toEqual([{ findings: ['S1', 'S3BucketLoggingEnabled'], reason, resources: ['prod/logs'] }]);
  });

  test('writes values as a person reads them, not as JSON', () => {
    expect(formatValue({ Rules: [{ Id: 'ExpireAccessLogs', ExpirationInDays: 400 }] })).toBe(
      '{Rules: [{Id: ExpireAccessLogs, ExpirationInDays: 400}]}',
    );
    expect(formatValue(true)).toBe('true');
  });
});
