import { OPT_OUTS } from '../../lib/core/opt-outs';
import { optOutConfigSchema, platformConfigSchema } from '../../lib/config/schema';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { TEST_NOW } from '../support/reference-constants';

describe('config schema', () => {
  test('accepts the reference config', () => {
    expect(platformConfigSchema.safeParse(referencePlatformConfig({}, TEST_NOW)).success).toBe(true);
  });

  test('accepts under optOuts exactly the keys of the opt-out table', () => {
    expect(Object.keys(optOutConfigSchema.shape).sort()).toEqual(Object.keys(OPT_OUTS).sort());
  });

  test.each(Object.values(OPT_OUTS))('types $configPath as the table takes it', (optOut) => {
    // A flag is taken by true, a count by a number: the schema accepts the one and refuses the other.
    const [accepted, refused] = optOut.isTaken(true) ? [true, 1] : [1, true];
    expect(optOutConfigSchema.safeParse({ [optOut.key]: accepted }).success).toBe(true);
    expect(optOutConfigSchema.safeParse({ [optOut.key]: refused }).success).toBe(false);
  });

  test('fails on an unknown opt-out', () => {
    expect(optOutConfigSchema.safeParse({ allowSingleZone: true }).success).toBe(false);
  });
});
