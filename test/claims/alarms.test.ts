import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  dumpFailuresAlarmed,
  replicationFailuresAlarmed,
  securityTxtExpiryReminded,
} from '../../lib/compliance/checks';
import { runChecks } from '../../lib/compliance/checks/run-checks';
import { SecurityTxtExpiryReminder } from '../../lib/monitoring/security-txt-expiry-reminder';
import { failuresOf, ofType, passesOf, scratchStack, weakenedReference } from '../support/claims-support';
import { referenceAssembly } from '../support/reference-assembly';

describe('DATA-3 after deploy: replication failures and latency alarm', () => {
  test('each replicated bucket of the reference has both alarms', () => {
    expect(failuresOf(replicationFailuresAlarmed, referenceAssembly())).toEqual([]);
    expect(passesOf(replicationFailuresAlarmed, referenceAssembly())).toEqual([
      expect.stringMatching(
        /^bucket ref-uploads-123456789012-eu-west-1, rule ReplicateEverythingToRecoveryRegion: alarms /,
      ),
      expect.stringMatching(
        /^bucket ref-dumps-123456789012-eu-west-1, rule ReplicateEverythingToRecoveryRegion: alarms /,
      ),
    ]);
  });

  test('fails when a rule publishes no replication metrics, and when the latency alarm allows more than RTC', () => {
    const weak = weakenedReference((id, t) => {
      if (id === 'Data')
        for (const [, b] of ofType(t.Resources, 'AWS::S3::Bucket'))
          if (/-uploads-/.test(b.Properties.BucketName ?? '') && b.Properties.ReplicationConfiguration)
            b.Properties.ReplicationConfiguration.Rules[0].Destination.Metrics = { Status: 'Disabled' };
      if (id === 'Monitoring')
        for (const [, a] of ofType(t.Resources, 'AWS::CloudWatch::Alarm'))
          if (a.Properties.MetricName === 'ReplicationLatency') a.Properties.Threshold = 3600;
    });
    expect(failuresOf(replicationFailuresAlarmed, weak)).toEqual([
      'bucket ref-uploads-123456789012-eu-west-1, rule ReplicateEverythingToRecoveryRegion: replication metrics not enabled, so no alarm can see a failure',
      'bucket ref-dumps-123456789012-eu-west-1, rule ReplicateEverythingToRecoveryRegion: no alarm with an action on latency beyond 900 s (ReplicationLatency)',
    ]);
  });

  test('fails when the failed-replication alarm lost its action', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [, a] of ofType(t.Resources, 'AWS::CloudWatch::Alarm'))
        if (a.Properties.MetricName === 'OperationsFailedReplication') delete a.Properties.AlarmActions;
    });
    expect(failuresOf(replicationFailuresAlarmed, weak)).toHaveLength(2);
    expect(failuresOf(replicationFailuresAlarmed, weak)[0]).toMatch(/no alarm with an action on failed replication/);
  });
});

describe('REST-3 after deploy: a failed or missing daily dump alarms', () => {
  test('the reference alerts on a non-zero exit and on 26 hours without a dump object', () => {
    expect(failuresOf(dumpFailuresAlarmed, referenceAssembly())).toEqual([]);
    expect(passesOf(dumpFailuresAlarmed, referenceAssembly())).toEqual([
      expect.stringMatching(/^task family ref-gpg-dump: a non-zero exit alerts through rule DumpAlarmsDumpTaskFailed/),
      expect.stringMatching(
        /^bucket ref-dumps-123456789012-eu-west-1: alarm .* fires when no dump object arrived for 26 hours$/,
      ),
    ]);
  });

  test('fails when the exit-code rule matches every exit, and when missing data counts as fine', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [, r] of ofType(t.Resources, 'AWS::Events::Rule'))
        if (r.Properties.EventPattern?.detail?.containers) delete r.Properties.EventPattern.detail.containers;
      for (const [, a] of ofType(t.Resources, 'AWS::CloudWatch::Alarm'))
        if (a.Properties.MetricName === 'PutRequests') a.Properties.TreatMissingData = 'notBreaching';
    });
    expect(failuresOf(dumpFailuresAlarmed, weak)).toEqual([
      'task family ref-gpg-dump: no enabled EventBridge rule with a target on a run stopping with a non-zero exit',
      'bucket ref-dumps-123456789012-eu-west-1: no alarm with an action on PutRequests of the dump prefix below 1 within 26 hours (missing data breaching)',
    ]);
  });

  test('fails when the dump bucket has no request metrics on the dump prefix', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Data') return;
      for (const [, b] of ofType(t.Resources, 'AWS::S3::Bucket')) delete b.Properties.MetricsConfigurations;
    });
    expect(failuresOf(dumpFailuresAlarmed, weak)).toEqual([
      "bucket ref-dumps-123456789012-eu-west-1: no S3 request metrics filter on the dump prefix 'postgres/'",
    ]);
  });

  test('fails when the alarm waits longer than 26 hours', () => {
    const weak = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [, a] of ofType(t.Resources, 'AWS::CloudWatch::Alarm'))
        if (a.Properties.MetricName === 'PutRequests') {
          a.Properties.EvaluationPeriods = 48;
          a.Properties.DatapointsToAlarm = 48;
        }
    });
    expect(failuresOf(dumpFailuresAlarmed, weak)).toHaveLength(1);
  });
});

describe('RESPONSE-1 after deploy: security.txt expiry is reminded', () => {
  test('the reference reminds at least 30 days before Expires', () => {
    expect(failuresOf(securityTxtExpiryReminded, referenceAssembly())).toEqual([]);
    expect(passesOf(securityTxtExpiryReminded, referenceAssembly())).toEqual([
      expect.stringMatching(/^security\.txt expiring .*: rule .* reminds 30 days before$/),
    ]);
  });

  test('fails without a reminder, and is weakened when the reminder leaves less than 30 days', () => {
    const none = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [logicalId, r] of ofType(t.Resources, 'AWS::Events::Rule'))
        if (r.Properties.ScheduleExpression) delete t.Resources[logicalId];
    });
    expect(failuresOf(securityTxtExpiryReminded, none)).toEqual([
      expect.stringMatching(/^security\.txt expiring .*: no one-time reminder before it$/),
    ]);
    const expires = Date.parse(
      /^Expires:\s*(\S+)/m
        .exec(
          JSON.stringify(
            referenceAssembly()
              .resourcesOfType('AWS::ElasticLoadBalancingV2::ListenerRule')
              .map((r) => r.resource),
          ).replace(/\\n/g, '\n'),
        )![1]
        .replace(/".*$/, ''),
    );
    const tenDaysBefore = new Date(expires - 10 * 24 * 3600 * 1000);
    const close = weakenedReference((id, t) => {
      if (id !== 'Monitoring') return;
      for (const [, r] of ofType(t.Resources, 'AWS::Events::Rule'))
        if (r.Properties.ScheduleExpression)
          r.Properties.ScheduleExpression = `cron(0 9 ${tenDaysBefore.getUTCDate()} ${tenDaysBefore.getUTCMonth() + 1} ? ${tenDaysBefore.getUTCFullYear()})`;
    });
    expect(runChecks(close, [securityTxtExpiryReminded]).map((r) => [r.status, r.detail])).toEqual([
      ['weakened', expect.stringMatching(/reminds (9|10) days before \(renew the date\)$/)],
    ]);
  });

  test('warns at synth when security.txt expires within 30 days, and schedules the reminder for tomorrow', () => {
    const stack = scratchStack();
    const now = new Date('2027-01-01T12:00:00Z');
    const reminder = new SecurityTxtExpiryReminder(stack, 'Reminder', {
      expires: '2027-01-20T00:00:00Z',
      topic: new sns.Topic(stack, 'Topic'),
      now,
    });
    Annotations.fromStack(stack).hasWarning(
      '/Weak/Reminder',
      Match.stringLikeRegexp(
        'security.txt expires on 2027-01-20T00:00:00Z, in 18 days .*Fix: set securityContact.expires',
      ),
    );
    expect(reminder.remindAt.toISOString()).toBe('2027-01-02T09:00:00.000Z');
  });
});
