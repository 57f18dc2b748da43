/** MONITOR-1's database requirements: who may hold the master credentials, and what each role's audit log records. */

/** CloudFormation type of the custom resource that bootstraps a database's roles and audit settings. */
export const DATABASE_BOOTSTRAP_RESOURCE_TYPE = 'Custom::DatabaseBootstrap';

/** pgaudit classes every person's session must log (an employee who wrongly reads customer data is on record). */
export const PEOPLE_AUDIT_CLASSES: readonly string[] = ['read', 'write', 'ddl', 'role'];

/**
 * pgaudit classes the application's own role must still log: its schema changes and any role change. Reads and
 * writes are left out on purpose (every application statement would be logged, see docs/audit-log-cost.md), and an
 * application role that logged them would be no less safe, so they are allowed, not required.
 */
export const APPLICATION_AUDIT_CLASSES: readonly string[] = ['ddl', 'role'];

/**
 * A manual SQL step in a runbook: a psql invocation, or a statement an operator would type into a database session.
 * Runbooks point at the bootstrap and the restore script instead.
 */
export const MANUAL_SQL_STEP =
  /\bpsql\b|\b(?:CREATE|ALTER|DROP)\s+(?:ROLE|USER|EXTENSION|SCHEMA|TABLE|DATABASE|POLICY)\b|\bGRANT\s+\w+(?:\s*,\s*\w+)*\s+(?:ON|TO)\b|\bREVOKE\s+\w+|\bSELECT\s+[\w*,\s]+\s+FROM\b|\b(?:INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET)\b|\bSET\s+(?:ROLE|SESSION|pgaudit\.)/i;
