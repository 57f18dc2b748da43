import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** One broken setting: which, what it was, what is wrong and how to fix it. */
export interface ConfigViolation {
  readonly setting: string;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;
}

/** Thrown at synth time with every violation of a config, not only the first. */
export class PlatformConfigError extends Error {
  /** Stable code of every config error (each violation names its setting); listed in docs/errors.md. */
  readonly code: string = 'PlatformConfig.invalid';

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

/** What a construct says when it refuses its input. */
export interface ConstructErrorDetails {
  /**
   * Stable code, `<Owner>.<setting>` (or `<Owner>.<setting>.<mistake>` when one setting can be wrong in more than
   * one way): the construct or function that refuses and the prop as the user writes it. It never changes when the
   * message does; docs/errors.md lists every code with its fix.
   */
  readonly code: string;
  /** The construct that refused: its path goes into the message. */
  readonly scope?: IConstruct;
  /** The prop or setting that is wrong, as the user writes it. */
  readonly setting?: string;
  /** The value given; shown only when present (even `undefined` is shown when given explicitly). */
  readonly value?: unknown;
  /** What is wrong, without a final period. */
  readonly problem: string;
  /** What to do instead: the prop to change and to what. */
  readonly fix: string;
}

const PLATFORM_CONSTRUCT_ERROR = Symbol.for('@pocketcity/secure-platform.PlatformConstructError');

/**
 * Thrown by a construct when its input is wrong (the shape of aws-cdk-lib's ValidationError, which is not public
 * API): a stable `code`, the path of the construct that refused, the setting, the value, the problem and the fix.
 * The message reads `[code] <construct path>: <setting> = <value>: <problem>. Fix: <fix>`.
 */
export class PlatformConstructError extends Error {
  /** True for a PlatformConstructError of any copy of this library (instanceof fails across copies). */
  static isPlatformConstructError(x: unknown): x is PlatformConstructError {
    return x instanceof Error && PLATFORM_CONSTRUCT_ERROR in x;
  }

  readonly code: string;
  readonly constructPath?: string;
  readonly setting?: string;
  readonly value?: unknown;
  readonly problem: string;
  readonly fix: string;

  constructor(details: ConstructErrorDetails) {
    const constructPath = details.scope?.node.path;
    const hasValue = Object.prototype.hasOwnProperty.call(details, 'value');
    const what =
      details.setting === undefined ? '' : `${details.setting}${hasValue ? ` = ${renderValue(details.value)}` : ''}: `;
    super(
      `[${details.code}] ${constructPath ? `${constructPath}: ` : ''}${what}${details.problem}. Fix: ${details.fix}`,
    );
    Object.defineProperty(this, PLATFORM_CONSTRUCT_ERROR, { value: true });
    this.name = 'PlatformConstructError';
    this.code = details.code;
    this.constructPath = constructPath;
    this.setting = details.setting;
    if (hasValue) this.value = details.value;
    this.problem = details.problem;
    this.fix = details.fix;
  }
}

/** A value as the user would recognise it: a Duration in words, anything else as JSON. */
function renderValue(value: unknown): string {
  if (value instanceof Duration) return value.toHumanString();
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/**
 * The earlier form of PlatformConstructError (`Owner prop = value: problem. Fix: fix`, no code prefix); its code
 * is `<Owner>.<setting>`, the owner's first word.
 * @deprecated throw PlatformConstructError with a literal code, listed in docs/errors.md.
 */
export class InvalidSettingError extends PlatformConstructError {
  constructor(
    readonly owner: string,
    readonly violation: ConfigViolation,
  ) {
    super({
      code: `${owner.split(' ')[0]}.${violation.setting}`,
      setting: violation.setting,
      value: violation.value,
      problem: violation.problem,
      fix: violation.fix,
    });
    this.message = `${owner} ${violation.setting} = ${JSON.stringify(violation.value)}: ${violation.problem}. Fix: ${violation.fix}`;
    this.name = 'InvalidSettingError';
  }
}
