import { PlatformEnvironment } from '../../compliance/template/template-values';

/** The environment of the assembly the preflight checks, its regions named; never another than the one asked for. */
export interface SelectedEnvironment {
  readonly env: PlatformEnvironment;
  readonly primaryRegion: string;
  readonly recoveryRegion: string;
}

/**
 * The environment asked for, or the assembly's only one when none was asked for. An unknown name, or several
 * environments and no name, is an error listing the names: checking another environment than the one about to be
 * deployed would report on the wrong names.
 */
export function selectEnvironment(
  environments: readonly PlatformEnvironment[],
  requested: string | undefined,
  outdir: string,
): SelectedEnvironment {
  const names = environments.map((e) => `'${e.name}'`).join(', ');
  if (environments.length === 0)
    throw new Error(`no platform environment in ${outdir}: run 'npx cdk synth '**' --quiet' first (or give --out DIR)`);
  let env: PlatformEnvironment | undefined;
  if (requested !== undefined) {
    env = environments.find((e) => e.name === requested);
    if (!env)
      throw new Error(
        `environment '${requested}' is not in ${outdir}, which holds ${names}: synthesize it (npx cdk synth '**') or name one of those`,
      );
  } else if (environments.length === 1) {
    env = environments[0];
  } else {
    throw new Error(`${outdir} holds the environments ${names}: name the one to check with --environment NAME`);
  }
  const { primaryRegion, recoveryRegion } = env;
  if (!primaryRegion || !recoveryRegion)
    throw new Error(
      `environment '${env.name}' in ${outdir} records no primary and recovery region in its platform metadata: synthesize it again with this version of the library`,
    );
  return { env, primaryRegion, recoveryRegion };
}
