/** Types of validate-restore.js (plain JS, shipped as the function's code without a build step). */
import type { BackupClient } from '@aws-sdk/client-backup';
import type { S3Client } from '@aws-sdk/client-s3';

export interface RestoredDatabaseEndpoint {
  readonly host: string;
  readonly port: number;
  /** Undoes what reaching the cluster took (the validation instance). */
  release?(): Promise<void>;
}

export interface RestoreValidationDeps {
  readonly backup: Pick<BackupClient, 'send'>;
  readonly database?: {
    endpoint(clusterArn: string): Promise<RestoredDatabaseEndpoint>;
    /** Logins to try in order (the dump reader's current and previous password). */
    logins(): Promise<readonly { readonly user: string; readonly password: string }[]>;
    /** PEM certificates the server's chain must end in; the host name is verified too (verify-full). */
    readonly ca: readonly string[];
    readonly databaseName: string;
    /** Tables of schema app and the fewest rows each must hold. */
    readonly expectedTables?: Readonly<Record<string, number>>;
  };
  readonly buckets?: { readonly s3: Pick<S3Client, 'send'>; readonly sourceBucket: string };
  /** The verdict metric written to stdout in the embedded metric format for every verdict (1 FAILED, 0 SUCCESSFUL). */
  readonly metric?: VerdictMetric;
}

export interface VerdictMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensionName: string;
  readonly dimensionValue: string;
}

/** The metric named by the EMF_* environment variables the construct sets; undefined when any is missing. */
export function metricFromEnvironment(env: Readonly<Record<string, string | undefined>>): VerdictMetric | undefined;

export interface RestoreVerdict {
  readonly status: 'SUCCESSFUL' | 'FAILED';
  readonly message: string;
}

export function validateRestore(event: unknown, deps: RestoreValidationDeps): Promise<RestoreVerdict>;

export const BOOTSTRAP_OBJECTS: {
  readonly schema: string;
  readonly schemaOwner: string;
  readonly roles: readonly string[];
  readonly extension: string;
};
