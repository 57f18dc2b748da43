import { OPT_OUTS } from '../../lib/core/opt-outs';
import { optOutConfigSchema, platformConfigSchema, threatDetectionConfigSchema } from '../../lib/config/schema';
import { SERVICE_MODES, THREAT_DETECTION_SERVICES } from '../../lib/core/service-modes';

/** The opt-outs set under `optOuts`; the service modes are set under `threatDetection`. */
const underOptOuts = Object.values(OPT_OUTS).filter((o) => o.configPath.startsWith('optOuts.'));
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { TEST_NOW } from '../support/reference-constants';

describe('config schema', () => {
  test('accepts the reference config', () => {
    expect(platformConfigSchema.safeParse(referencePlatformConfig({}, TEST_NOW)).success).toBe(true);
  });

  test('accepts under optOuts exactly the keys of the opt-out table that live there', () => {
    expect(Object.keys(optOutConfigSchema.shape).sort()).toEqual(underOptOuts.map((o) => o.key).sort());
  });

  test('accepts under threatDetection one mode per singleton service, and every other opt-out of the table', () => {
    expect(Object.keys(threatDetectionConfigSchema.shape).sort()).toEqual(
      Object.keys(THREAT_DETECTION_SERVICES).sort(),
    );
    const elsewhere = Object.values(OPT_OUTS).filter((o) => !underOptOuts.includes(o));
    expect(elsewhere.map((o) => o.configPath).sort()).toEqual(
      Object.keys(THREAT_DETECTION_SERVICES)
        .map((s) => `threatDetection.${s}`)
        .sort(),
    );
    for (const mode of SERVICE_MODES)
      expect(threatDetectionConfigSchema.safeParse({ guardDuty: mode }).success).toBe(true);
    expect(threatDetectionConfigSchema.safeParse({ guardDuty: 'delegated' }).success).toBe(false);
  });

  test.each(underOptOuts)('types $configPath as the table takes it', (optOut) => {
    // A flag is taken by true, a count by a number: the schema accepts the one and refuses the other.
    const [accepted, refused] = optOut.isTaken(true) ? [true, 1] : [1, true];
    expect(optOutConfigSchema.safeParse({ [optOut.key]: accepted }).success).toBe(true);
    expect(optOutConfigSchema.safeParse({ [optOut.key]: refused }).success).toBe(false);
  });

  test('fails on an unknown opt-out', () => {
    expect(optOutConfigSchema.safeParse({ allowSingleZone: true }).success).toBe(false);
  });
});
