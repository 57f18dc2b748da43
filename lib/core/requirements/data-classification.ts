/**
 * Which stores hold customer data is declared, never inferred from a name: constructs tag each store with its
 * classification, and the checks read the tag from the template.
 */
export const DATA_CLASSIFICATION_TAG = 'pocketcity:data-classification';

export type DataClassification = 'customer-data' | 'customer-data-replica' | 'audit-log' | 'platform';
