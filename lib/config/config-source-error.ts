import { ConfigViolation, PlatformConfigError } from '../core/errors';

/** A PlatformConfigError that names where the config came from (a config file), so every error points at it. */
export class ConfigSourceError extends PlatformConfigError {
  /** @param environmentName undefined when the file could not be read as a config at all */
  constructor(
    readonly source: string,
    environmentName: string | undefined,
    violations: readonly ConfigViolation[],
  ) {
    super(environmentName ?? '', violations);
    this.message =
      environmentName === undefined
        ? this.message.replace(
            /^Invalid platform config for environment '' /,
            `Invalid platform config file ${source} `,
          )
        : this.message.replace(/^Invalid platform config/, `Invalid platform config in ${source}`);
  }
}
