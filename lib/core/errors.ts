/** One broken setting: which, what it was, what is wrong and how to fix it. */
export interface ConfigViolation {
  readonly setting: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** Thrown at synth time with every violation of a config, not only the first. */
export class PlatformConfigError extends Error {
  constructor(
    readonly environmentName: string,
    readonly violations: readonly ConfigViolation[],
  ) {
    super(
      `Invalid platform config for environment '${environmentName}' (${violations.length} problem${violations.length === 1 ? '' : 's'}):\n` +
        violations.map((v) => `  - ${v.setting} = ${JSON.stringify(v.value)}: ${v.problem}. Fix: ${v.fix}`).join('\n'),
    );
    this.name = 'PlatformConfigError';
  }
}

/**
 * Thrown by a construct when one prop is wrong: names the prop, the value, what is wrong and the fix, so the
 * message reads the same everywhere (`Owner prop = value: problem. Fix: fix`).
 */
export class InvalidSettingError extends Error {
  constructor(
    readonly owner: string,
    readonly violation: ConfigViolation,
  ) {
    super(
      `${owner} ${violation.setting} = ${JSON.stringify(violation.value)}: ${violation.problem}. Fix: ${violation.fix}`,
    );
    this.name = 'InvalidSettingError';
  }
}
