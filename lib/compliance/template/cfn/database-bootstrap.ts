/**
 * Typed view of the platform's own `Custom::DatabaseBootstrap` (lib/data/database-bootstrap.ts): the declared
 * database state the bootstrap function applies as the master user.
 */
export interface DatabaseBootstrapProps {
  readonly ServiceToken?: unknown;
  readonly ClusterIdentifier?: unknown;
  readonly SqlDigest?: unknown;
  readonly ApplicationRole?: unknown;
  readonly ApplicationSchema?: unknown;
  readonly ApplicationAuditClasses?: unknown;
  readonly PeopleRole?: unknown;
  readonly PeopleAuditClasses?: unknown;
  readonly People?: unknown;
}
