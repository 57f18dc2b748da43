/** MONITOR-1's database requirements: who may hold the master credentials, and what each role's audit log records. */

/** CloudFormation type of the custom resource that bootstraps a database's roles and audit settings. */
export const DATABASE_BOOTSTRAP_RESOURCE_TYPE = 'Custom::DatabaseBootstrap';

/** pgaudit classes every person's session must log (an employee who wrongly reads customer data is on record). */
export const PEOPLE_AUDIT_CLASSES: readonly string[] = ['read', 'write', 'ddl', 'role'];

/**
 * pgaudit classes the application's own role must still log: its schema changes and any role change. Reads and
 * writes are left out on purpose (every application statement would be logged, see docs/database-audit-log.md), and an
 * application role that logged them would be no less safe, so they are allowed, not required.
 */
export const APPLICATION_AUDIT_CLASSES: readonly string[] = ['ddl', 'role'];

/**
 * A manual SQL step in a runbook: a database client invocation, or a statement an operator would type into a
 * database session (SQL keywords in capitals, as SQL is written; prose such as "grant them access" is not matched).
 * Runbooks point at the bootstrap and the restore script instead.
 */
export const MANUAL_SQL_STEPS: readonly RegExp[] = [
  /\b(?:psql|pgcli)\b/i,
  /\b(?:CREATE|ALTER|DROP)\s+(?:ROLE|USER|EXTENSION|SCHEMA|TABLE|DATABASE|POLICY|INDEX|FUNCTION)\b/,
  /\b(?:GRANT|REVOKE)\s+[A-Za-z_, ]+\s+(?:ON|TO|FROM)\b/,
  /\bSELECT\s+.+\s+FROM\b/,
  /\b(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\S+\s+SET|TRUNCATE|SET\s+ROLE|SET\s+SESSION)\b/,
  /\bSET\s+pgaudit\./i,
];
