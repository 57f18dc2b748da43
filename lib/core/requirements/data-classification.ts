/**
 * Which stores hold customer data is declared, never inferred from a name: constructs tag each store with its
 * classification, and the checks read the tag from the template.
 */
export const DATA_CLASSIFICATION_TAG = 'pocketcity:data-classification';

/** Customer files, the GPG dumps of the database, and their replicas in the recovery region. */
export type DataClassification = 'customer-data' | 'customer-data-replica' | 'database-dump' | 'database-dump-replica';

/** Every classification whose store holds customer data (a dump of the database is customer data). */
export const CUSTOMER_DATA_CLASSIFICATIONS: readonly DataClassification[] = [
  'customer-data',
  'customer-data-replica',
  'database-dump',
  'database-dump-replica',
];

/** The classifications of stores in the recovery region that receive copies. */
export const REPLICA_CLASSIFICATIONS: readonly DataClassification[] = [
  'customer-data-replica',
  'database-dump-replica',
];
