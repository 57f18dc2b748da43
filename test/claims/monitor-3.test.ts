import * as fs from 'fs';
import * as path from 'path';
import { highSeverityFindingsAlerted } from '../../lib/compliance/checks';
import { failuresOf, ofType, passesOf, referenceClaimEvidence, weakenedReference } from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';
import { REFERENCE_DOCUMENTS } from '../support/reference-judgement';

const runbook = path.join(__dirname, '../../docs/runbooks/breach-notification.md');

describe('MONITOR-3: affected customers notified immediately', () => {
  test('routes GuardDuty and Security Hub high-severity findings to an encrypted, subscribed topic', () => {
    expect(failuresOf(highSeverityFindingsAlerted, referenceAssembly())).toEqual([]);
    expect(passesOf(highSeverityFindingsAlerted, referenceAssembly())).toEqual([
      expect.stringMatching(
        /^GuardDuty findings of severity 7 and above: rule .* -> encrypted topic .* with 1 subscription\(s\)$/,
      ),
      expect.stringMatching(
        /^Security Hub findings rated CRITICAL or HIGH: rule .* -> encrypted topic .* with 1 subscription\(s\)$/,
      ),
    ]);
  });

  test('the evidence marks MONITOR-3 proven, finds the runbook and names the organisational part', () => {
    const evidence = referenceClaimEvidence('MONITOR-3');
    expect(evidence.status).toBe('proven');
    // The reference's documents are the repository's docs/ (PocketCITY's own), given as a consumer gives its own.
    expect(evidence.documents).toEqual([
      expect.objectContaining({
        path: 'docs/runbooks/breach-notification.md',
        source: 'given',
        location: path.join(REFERENCE_DOCUMENTS, 'runbooks/breach-notification.md'),
        present: true,
      }),
    ]);
    expect(evidence.documents[0].sections?.filter((s) => s.problem)).toEqual([]);
    expect(evidence.organisationalParts.join(' ')).toMatch(/breach-notification/);
  });

  test('the runbook says which part is infrastructure and when customers are notified', () => {
    const text = fs.readFileSync(runbook, 'utf8');
    expect(text).toMatch(/\| infrastructure \|/);
    expect(text).toMatch(/\| organisational \|/);
    expect(text).toMatch(/72 hours/);
    expect(text).toMatch(/MONITOR3-HighSeverityFindingsAlerted/);
  });

  test('fails when the alert topic is not encrypted', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, topic] of ofType(t.Resources, 'AWS::SNS::Topic')) delete topic.Properties.KmsMasterKeyId;
    });
    expect(failuresOf(highSeverityFindingsAlerted, weak)).toEqual([
      expect.stringMatching(/^GuardDuty findings .*: rule .*: topic .* is not encrypted \(no KmsMasterKeyId\)$/),
      expect.stringMatching(/^Security Hub findings .*: rule .*: topic .* is not encrypted/),
    ]);
  });

  test('fails when nobody is subscribed to the topic', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [logicalId] of ofType(t.Resources, 'AWS::SNS::Subscription')) delete t.Resources[logicalId];
    });
    expect(failuresOf(highSeverityFindingsAlerted, weak)).toEqual([
      expect.stringMatching(/topic .* has no subscription$/),
      expect.stringMatching(/topic .* has no subscription$/),
    ]);
  });

  test('fails when GuardDuty alerts start only at severity 8 and Security Hub drops HIGH', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, rule] of ofType(t.Resources, 'AWS::Events::Rule')) {
        // Scheduled rules (the security.txt reminder) have no pattern.
        const p = rule.Properties.EventPattern ?? {};
        if (p.source?.includes('aws.guardduty')) p.detail.severity = [{ numeric: ['>=', 8] }];
        if (p.source?.includes('aws.securityhub')) p.detail.findings.Severity.Label = ['CRITICAL'];
      }
    });
    expect(failuresOf(highSeverityFindingsAlerted, weak)).toEqual([
      'GuardDuty findings of severity 7 and above: no enabled EventBridge rule routes them',
      'Security Hub findings rated CRITICAL or HIGH: no enabled EventBridge rule routes them',
    ]);
  });

  test('fails when the rules are disabled', () => {
    const weak = weakenedReference((_id, t) => {
      for (const [, rule] of ofType(t.Resources, 'AWS::Events::Rule')) rule.Properties.State = 'DISABLED';
    });
    expect(failuresOf(highSeverityFindingsAlerted, weak)).toHaveLength(2);
  });
});
