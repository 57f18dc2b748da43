/** Types of run-bootstrap.js (plain JS, shipped as the function's code without a build step). */
export interface BootstrapConnection {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** PEM certificates the server's chain must end in; the host name is verified too (verify-full). */
  readonly ca: readonly string[];
}

/** What the catalogs hold after the bootstrap (platform_bootstrap.report()). */
export interface BootstrapReport {
  readonly pgaudit: string | null;
  readonly rdsPgauditRole: boolean;
  readonly databasePgauditLog: string | null;
  readonly roles: Record<
    string,
    {
      readonly login: boolean;
      readonly superuser: boolean;
      readonly createRole: boolean;
      readonly createDb: boolean;
      readonly pgauditLog: string | null;
      readonly memberOf: string[];
    }
  >;
}

export function bootstrapSql(): { sql: string; digest: string };
/** The SQL the custom resource carries (`Sql`) and the SHA-256 it declares beside it (`SqlDigest`). */
export interface BootstrapScript {
  readonly sql: string;
  readonly digest: string;
}
/** The nightly dump's login role bootstrap.sql creates. */
export const DUMP_READER_ROLE: 'dump_reader';
/** The dump reader's secret (JSON fields `username`, `password`). */
export interface DumpReaderLogin {
  readonly user: string;
  readonly password: string;
}
export function runBootstrap(
  connection: BootstrapConnection,
  people: readonly string[],
  script: BootstrapScript,
  dumpReader?: DumpReaderLogin,
): Promise<{ digest: string; report: BootstrapReport }>;
/** The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (printable ASCII only). */
export function scramVerifier(password: string, salt?: Buffer, iterations?: number): string;
