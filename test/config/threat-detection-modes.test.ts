import { PlatformConfigError } from '../../lib/core/errors';
import { referencePlatformConfig } from '../../lib/config/reference-config';
import { resolvePlatformConfig } from '../../lib/config/resolve-config';
import { PlatformConfig } from '../../lib/config/platform-config';
import { threatDetectionConfigSchema } from '../../lib/config/schema';
import { TEST_NOW } from '../support/reference-constants';

const reference = referencePlatformConfig({}, TEST_NOW);
const withGuardDuty = (guardDuty: unknown): PlatformConfig => ({
  ...reference,
  threatDetection: { guardDuty: guardDuty as never },
});

function violationsOf(config: PlatformConfig): PlatformConfigError {
  try {
    resolvePlatformConfig(config, TEST_NOW);
  } catch (e) {
    if (e instanceof PlatformConfigError) return e;
    throw e;
  }
  throw new Error('config was accepted');
}

describe('threatDetection: one mode for both regions, or one per region', () => {
  test('a single mode still means both regions (existing configs keep working unchanged)', () => {
    const resolved = resolvePlatformConfig(withGuardDuty('existing'), TEST_NOW);
    expect(resolved.threatDetection.guardDuty).toBe('existing');
    expect(resolved.threatDetection.securityHub).toBe('create');
  });

  test('accepts { primary, recovery }, each a mode', () => {
    const resolved = resolvePlatformConfig(withGuardDuty({ primary: 'create', recovery: 'existing' }), TEST_NOW);
    expect(resolved.threatDetection.guardDuty).toEqual({ primary: 'create', recovery: 'existing' });
    expect(
      threatDetectionConfigSchema.safeParse({ config: { primary: 'organization', recovery: 'create' } }).success,
    ).toBe(true);
  });

  test.each([
    [
      'a region key other than primary and recovery',
      { primary: 'create', secondary: 'existing' },
      'threatDetection.guardDuty',
      /has the region key 'secondary' where 'recovery' is missing; a per-region object takes exactly 'primary' and 'recovery'/,
      /\{ "primary": <mode>, "recovery": <mode> \}/,
    ],
    [
      'a misspelt region key',
      { primary: 'create', recovry: 'existing' },
      'threatDetection.guardDuty',
      /has the region key 'recovry' where 'recovery' is missing/,
      /\{ "primary": <mode>, "recovery": <mode> \}/,
    ],
    [
      'a third region key beside both',
      { primary: 'create', recovery: 'create', eu: 'existing' },
      'threatDetection.guardDuty.eu',
      /is not a setting of threatDetection\.guardDuty/,
      /remove it; the settings here are primary, recovery/,
    ],
    [
      'a per-region object without recovery',
      { primary: 'existing' },
      'threatDetection.guardDuty',
      /lacks 'recovery'; a per-region object needs both 'primary' and 'recovery'/,
      /\{ "primary": <mode>, "recovery": <mode> \} \(both keys\)/,
    ],
    [
      'a bad mode in one region',
      { primary: 'create', recovery: 'exists' },
      'threatDetection.guardDuty',
      /has recovery = "exists", not one of create, existing, organization/,
      /'existing' when the account already runs GuardDuty/,
    ],
    [
      'a bad mode for both regions',
      'Existing',
      'threatDetection.guardDuty',
      /is not one of create, existing, organization/,
      /for different modes per region give/,
    ],
    [
      'a list',
      ['create', 'existing'],
      'threatDetection.guardDuty',
      /is a list, neither a mode \(create, existing, organization\) nor a per-region object \{ primary, recovery \}/,
      /both keys/,
    ],
  ])('fails on %s, naming the setting, the value and the fix', (_, value, setting, problem, fix) => {
    // WHEN
    const error = violationsOf(withGuardDuty(value));
    // THEN exactly one violation for the setting, whose message carries the value
    const found = error.violations.filter((v) => v.setting.startsWith('threatDetection.'));
    expect(found).toHaveLength(1);
    const [violation] = found;
    expect(violation.setting).toBe(setting);
    expect(violation.problem).toMatch(problem);
    expect(violation.fix).toMatch(fix);
    expect(error.message).toContain(`${setting} = ${JSON.stringify(violation.value)}: ${violation.problem}`);
  });
});
