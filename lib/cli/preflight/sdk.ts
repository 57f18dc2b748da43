/**
 * The AWS SDK v3 clients the preflight and `verify` call. They are optional peer dependencies of the package (the library itself
 * never calls AWS), so they are loaded when the preflight runs, and a missing one is named with the command that
 * installs it, before any call is made.
 */
/** Each client package, by the short name the preflight uses. */
export interface Sdk {
  readonly accessAnalyzer: typeof import('@aws-sdk/client-accessanalyzer');
  readonly acm: typeof import('@aws-sdk/client-acm');
  readonly backup: typeof import('@aws-sdk/client-backup');
  readonly cloudFormation: typeof import('@aws-sdk/client-cloudformation');
  readonly cloudTrail: typeof import('@aws-sdk/client-cloudtrail');
  readonly cloudWatch: typeof import('@aws-sdk/client-cloudwatch');
  readonly config: typeof import('@aws-sdk/client-config-service');
  readonly guardDuty: typeof import('@aws-sdk/client-guardduty');
  readonly iam: typeof import('@aws-sdk/client-iam');
  readonly kms: typeof import('@aws-sdk/client-kms');
  readonly lambda: typeof import('@aws-sdk/client-lambda');
  readonly logs: typeof import('@aws-sdk/client-cloudwatch-logs');
  readonly rds: typeof import('@aws-sdk/client-rds');
  readonly s3: typeof import('@aws-sdk/client-s3');
  readonly secrets: typeof import('@aws-sdk/client-secrets-manager');
  readonly securityHub: typeof import('@aws-sdk/client-securityhub');
  readonly sts: typeof import('@aws-sdk/client-sts');
}

type Loaders = { readonly [K in keyof Sdk]: () => Promise<Sdk[K]> };

const LOADERS: Loaders = {
  accessAnalyzer: () => import('@aws-sdk/client-accessanalyzer'),
  acm: () => import('@aws-sdk/client-acm'),
  backup: () => import('@aws-sdk/client-backup'),
  cloudFormation: () => import('@aws-sdk/client-cloudformation'),
  cloudTrail: () => import('@aws-sdk/client-cloudtrail'),
  cloudWatch: () => import('@aws-sdk/client-cloudwatch'),
  config: () => import('@aws-sdk/client-config-service'),
  guardDuty: () => import('@aws-sdk/client-guardduty'),
  iam: () => import('@aws-sdk/client-iam'),
  kms: () => import('@aws-sdk/client-kms'),
  lambda: () => import('@aws-sdk/client-lambda'),
  logs: () => import('@aws-sdk/client-cloudwatch-logs'),
  rds: () => import('@aws-sdk/client-rds'),
  s3: () => import('@aws-sdk/client-s3'),
  secrets: () => import('@aws-sdk/client-secrets-manager'),
  securityHub: () => import('@aws-sdk/client-securityhub'),
  sts: () => import('@aws-sdk/client-sts'),
};

/** The npm package of each client (the optional peer dependency to install). */
export const SDK_PACKAGES: Readonly<Record<keyof Sdk, string>> = {
  accessAnalyzer: '@aws-sdk/client-accessanalyzer',
  acm: '@aws-sdk/client-acm',
  backup: '@aws-sdk/client-backup',
  cloudFormation: '@aws-sdk/client-cloudformation',
  cloudTrail: '@aws-sdk/client-cloudtrail',
  cloudWatch: '@aws-sdk/client-cloudwatch',
  config: '@aws-sdk/client-config-service',
  guardDuty: '@aws-sdk/client-guardduty',
  iam: '@aws-sdk/client-iam',
  kms: '@aws-sdk/client-kms',
  lambda: '@aws-sdk/client-lambda',
  logs: '@aws-sdk/client-cloudwatch-logs',
  rds: '@aws-sdk/client-rds',
  s3: '@aws-sdk/client-s3',
  secrets: '@aws-sdk/client-secrets-manager',
  securityHub: '@aws-sdk/client-securityhub',
  sts: '@aws-sdk/client-sts',
};

/** One or more client packages are not installed: says which, and the command that installs them. */
export class MissingSdkError extends Error {
  constructor(readonly packages: readonly string[]) {
    super(
      `the preflight needs the AWS SDK v3 client package${packages.length > 1 ? 's' : ''} ${packages.join(', ')}, ` +
        `optional peer dependencies of @pocketcity/secure-platform that are not installed. Install them with:\n` +
        `  npm install --save-dev ${packages.join(' ')}`,
    );
    this.name = 'MissingSdkError';
  }
}

const notInstalled = (e: unknown, pkg: string): boolean => {
  const { code, message } = e as { code?: string; message?: string };
  return code === 'MODULE_NOT_FOUND' && (message ?? '').includes(pkg);
};

/**
 * Loads every client package, or throws one MissingSdkError naming all the missing ones. `loaders` replaces the
 * imports (tests: a package that is not installed).
 */
export async function loadSdk(loaders: { readonly [K in keyof Sdk]: () => Promise<unknown> } = LOADERS): Promise<Sdk> {
  const missing: string[] = [];
  const loaded: Partial<Record<keyof Sdk, unknown>> = {};
  for (const key of Object.keys(loaders) as (keyof Sdk)[]) {
    try {
      loaded[key] = await loaders[key]();
    } catch (e) {
      if (!notInstalled(e, SDK_PACKAGES[key])) throw e;
      missing.push(SDK_PACKAGES[key]);
    }
  }
  if (missing.length) throw new MissingSdkError(missing);
  return loaded as Sdk;
}
