import type { z } from 'zod';
import type {
  airGappedVaultConfigSchema,
  backupConfigSchema,
  databaseConfigSchema,
  dumpConfigSchema,
  optOutConfigSchema,
  platformConfigSchema,
  regionConfigSchema,
  restoreTestingConfigSchema,
  securityContactConfigSchema,
  serviceConfigSchema,
  threatDetectionConfigSchema,
} from './schema';

/** Readonly all the way down, as props are; a homomorphic mapping, so each key keeps its JSDoc from the schema. */
export type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The type of what a schema accepts, readonly. */
type ConfigOf<S extends z.ZodType> = DeepReadonly<z.input<S>>;

/**
 * Everything one environment of the platform needs to know, derived from the schema in `schema.ts`. Only
 * `environmentName`, `account`, the regions, their zones, the domain, the certificate, the alert addresses, the
 * security contact and the dump public key are required; every other field has a documented secure default (see
 * `defaults.ts`).
 */
export type PlatformConfig = ConfigOf<typeof platformConfigSchema>;
/** A region the platform spans, and its three zones. */
export type RegionConfig = ConfigOf<typeof regionConfigSchema>;
/** security.txt (RFC 9116) fields. */
export type SecurityContactConfig = ConfigOf<typeof securityContactConfigSchema>;
/** Database sizing and retention. */
export type DatabaseConfig = ConfigOf<typeof databaseConfigSchema>;
/** Backup schedule and retention. */
export type BackupConfig = ConfigOf<typeof backupConfigSchema>;
/** Restore testing of the backed-up stores. */
export type RestoreTestingConfig = ConfigOf<typeof restoreTestingConfigSchema>;
/** The optional logically air-gapped copy vault. */
export type AirGappedVaultConfig = ConfigOf<typeof airGappedVaultConfigSchema>;
/** The application container. */
export type ServiceConfig = ConfigOf<typeof serviceConfigSchema>;
/** GPG-encrypted logical dumps of the database. */
export type DumpConfig = ConfigOf<typeof dumpConfigSchema>;
/** Explicit, named opt-outs: one key per row of OPT_OUTS (lib/core/opt-outs.ts), each described by its `effect`. */
export type OptOutConfig = ConfigOf<typeof optOutConfigSchema>;
/** Modes of the account singletons: one for both regions, or one per region (see `ServiceModeSetting`). */
export type ThreatDetectionConfig = ConfigOf<typeof threatDetectionConfigSchema>;
