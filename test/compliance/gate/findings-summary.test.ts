import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { everyDataStoreEncryptedAtRest } from '../../../lib/compliance/checks/rest-1/rest1-every-data-store-encrypted-at-rest';
import { everyDataStoreAccessLogged } from '../../../lib/compliance/checks/monitor-1/monitor1-every-data-store-access-logged';
import { bucketPolicyDeniesWeakTls } from '../../../lib/compliance/checks/transit-1/transit1-bucket-policy-denies-weak-tls';
import { ClaimsPlugin } from '../../../lib/compliance/gate/claims-plugin';
import { SarifLog } from '../../../lib/compliance/gate/findings-sarif';
import {
  addFindingsSummary,
  FINDINGS_SARIF_FILE,
  FINDINGS_TEXT_FILE,
} from '../../../lib/compliance/gate/findings-summary-plugin';
import { ScopedPack } from '../../../lib/compliance/gate/scoped-pack';
import { acknowledgeFinding } from '../../../lib/core/acknowledge';
import type { ClaimId } from '../../../lib/core/claims/claim';

const REASON = 'Fixture: a scratch bucket that never holds customer data and is emptied daily.';
const SOURCE_LINE =
  fs
    .readFileSync(__filename, 'utf8')
    .split('\n')
    .findIndex((l) => l.endsWith('// ' + 'the bucket under test')) + 1;

interface Synth {
  readonly threw?: Error;
  readonly printed: string;
  readonly outdir: string;
}

/** An app with one stage holding one plain (unencrypted, no TLS policy, no access log) bucket, the gate on it. */
function synth(acknowledge: (app: App) => void = () => {}): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
  const app = new App({ outdir });
  const stage = new Stage(app, 'prod', { env: { account: '123456789012', region: 'eu-west-1' } });
  const stack = new Stack(stage, 'Own');
  new s3.Bucket(stack, 'Own'); // the bucket under test
  Validations.of(stage).addPlugins(
    new ClaimsPlugin([bucketPolicyDeniesWeakTls, everyDataStoreEncryptedAtRest, everyDataStoreAccessLogged]),
    new ScopedPack(new AwsSolutionsChecks(stage), stage),
  );
  addFindingsSummary(stage);
  acknowledge(app);
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  let threw: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    threw = e as Error;
  } finally {
    spy.mockRestore();
  }
  return { threw, printed: written.join(''), outdir };
}

/** Each printed acknowledgment: the construct path, the rules and the claim, as the summary prints them. */
function printedAcknowledgments(printed: string): { at: string; rules: string[]; claim: ClaimId }[] {
  return printed
    .split('\n')
    .filter((l) => l.includes('or acknowledge on '))
    .map((l) => {
      const [, at, call] = /or acknowledge on ([^:]+): (acknowledgeFinding\(.*\))$/.exec(l.trim())!;
      const rules = [...call.matchAll(/(?:rule: |\[|, )'([^']+)'/g)].map((m) => m[1]);
      const claim = /claim: '([A-Z0-9-]+)'/.exec(call)![1] as ClaimId;
      return { at, rules, claim };
    });
}

const findAt = (app: App, at: string): IConstruct => app.node.findAll().find((c) => c.node.path === at)!;

describe('the synth gate summary', () => {
  let failed: Synth;
  beforeAll(() => {
    failed = synth();
  });

  test('fails synth and prints one entry per defect, grouped across packs, with the claim, source, fix and acknowledgment', () => {
    expect(failed.threw).toBeDefined();
    const entries = failed.printed.split('\n').filter((l) => l.startsWith('x '));
    // TLS (two claims findings + AwsSolutions-S10), encryption (claims), access log (claims + AwsSolutions-S1).
    expect(entries).toEqual([
      `x [TRANSIT-1] prod/Own/Own (test/compliance/gate/findings-summary.test.ts:${SOURCE_LINE}): A bucket policy does not deny requests without TLS, or over TLS older than 1.2. (NoDenyWithoutTls)`,
      `x [REST-1, REST-2] prod/Own/Own (test/compliance/gate/findings-summary.test.ts:${SOURCE_LINE}): A data store is not encrypted at rest. (NotEncryptedAtRest)`,
      expect.stringMatching(/^x \[MONITOR-1\] prod\/Own\/Own \(.*:\d+\): Access to a data store is not recorded/),
    ]);
    expect(failed.printed).toContain('    fix: s3.Bucket: set enforceSSL: true and minimumTLSVersion: 1.2');
    expect(failed.printed).toContain('    fix: s3.Bucket: set encryption: s3.BucketEncryption.KMS and encryptionKey');
    expect(failed.printed).toContain('    fix: s3.Bucket: set serverAccessLogsBucket');
    expect(printedAcknowledgments(failed.printed)).toEqual([
      {
        at: 'prod/Own/Own',
        rules: [
          'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyWithoutTls]',
          'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyBelowTls12]',
          'AwsSolutions-S10',
        ],
        claim: 'TRANSIT-1',
      },
      {
        at: 'prod/Own/Own',
        rules: ['Claims-REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]'],
        claim: 'REST-1',
      },
      {
        at: 'prod/Own/Own',
        rules: ['Claims-MONITOR1-EveryDataStoreAccessLogged[NoServerAccessLogNorDataEvents]', 'AwsSolutions-S1'],
        claim: 'MONITOR-1',
      },
    ]);
    expect(failed.printed).toMatch(/^3 defects; the same list: .*claims-findings\.txt, .*claims-findings\.sarif$/m);
    expect(fs.readFileSync(path.join(failed.outdir, FINDINGS_TEXT_FILE), 'utf8')).toContain(entries[0]);
  });

  test('CDK prints the fix beside each claims finding and each stock finding of the same defect', () => {
    expect(failed.threw!.message).toMatch(
      /Suggested fix: s3\.Bucket: set encryption: s3\.BucketEncryption\.KMS.*\n\s*Acknowledge with 'Claims::Claims-REST1-/,
    );
    expect(failed.threw!.message).toMatch(
      /Suggested fix: s3\.Bucket: set enforceSSL: true.*\n\s*Acknowledge with 'AwsSolutions::AwsSolutions-S10'/,
    );
  });

  test('passes synth once each printed acknowledgment is pasted into acknowledgeFinding', () => {
    const acks = printedAcknowledgments(failed.printed);
    const { threw, printed } = synth((app) => {
      for (const { at, rules, claim } of acks)
        acknowledgeFinding(findAt(app, at), ...rules.map((rule) => ({ rule, claim, reason: REASON })));
    });
    expect(threw).toBeUndefined();
    expect(printed).toBe('');
  });

  test("passes synth once each id CDK prints after 'Acknowledge with' is pasted into acknowledgeFinding", () => {
    const ids = [...failed.threw!.message.matchAll(/Acknowledge with '([^']+)'/g)].map((m) => m[1]);
    expect(ids).toContain('Claims::Claims-REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]');
    const { threw } = synth((app) =>
      acknowledgeFinding(
        findAt(app, 'prod/Own/Own'),
        ...ids.map((rule) => ({ rule, claim: 'REST-1' as const, reason: REASON })),
      ),
    );
    expect(threw).toBeUndefined();
  });

  test('writes the findings as SARIF 2.1.0 beside the validation report', () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(failed.outdir, FINDINGS_SARIF_FILE), 'utf8')) as SarifLog;
    expect(fs.existsSync(path.join(failed.outdir, 'validation-report.json'))).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.results.map((r) => [r.ruleId, r.level, r.properties.rules])).toEqual([
      [
        'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyWithoutTls]',
        'error',
        [
          'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyWithoutTls]',
          'Claims-TRANSIT1-BucketPolicyDeniesWeakTls[NoDenyBelowTls12]',
          'AwsSolutions-S10',
        ],
      ],
      ['Claims-REST1-EveryDataStoreEncryptedAtRest[NotEncryptedAtRest]', 'error', expect.any(Array)],
      ['Claims-MONITOR1-EveryDataStoreAccessLogged[NoServerAccessLogNorDataEvents]', 'error', expect.any(Array)],
    ]);
    const encryption = run.results[1];
    expect(encryption.message.text).toMatch(
      /^\[REST-1, REST-2\] A data store is not encrypted at rest.*Fix: s3\.Bucket: set encryption/,
    );
    expect(encryption.locations[0].logicalLocations).toEqual([
      { fullyQualifiedName: 'prod/Own/Own/Resource', kind: 'resource' },
    ]);
    expect(encryption.locations[0].physicalLocation!.artifactLocation.uri).toMatch(/prodOwn[0-9A-F]*\.template\.json$/);
    expect(encryption.locations[1].physicalLocation).toEqual({
      artifactLocation: { uri: 'test/compliance/gate/findings-summary.test.ts' },
      region: { startLine: SOURCE_LINE, startColumn: expect.any(Number) },
    });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(run.results.map((r) => r.ruleId));
    expect(run.tool.driver.rules[1].shortDescription.text).toMatch(
      /^\[REST-1, REST-2\] REST-1 and REST-2: whatever a store holds/,
    );
  });
});
