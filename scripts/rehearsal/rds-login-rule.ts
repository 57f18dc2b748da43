/**
 * RDS's login rule for the rehearsals' PostgreSQL servers (test/data/rehearsal/postgres-server.ts for the bootstrap,
 * postgres-server.ts here for the dump task).
 */

/**
 * RDS's login rule as a login event trigger (PostgreSQL 17): a member of rds_iam through any chain of grants that pass
 * rights on or allow SET ROLE logs in by the token path only; everyone else by the password path only. `system_user`
 * is `<auth method>:<identity>`, so the method pg_hba used is known here. The error text is RDS's own for a password
 * presented where a token is expected. RDS's check is no SQL, so it is kept out of the audit log (pgaudit.log none, set
 * as the superuser that owns the function).
 */
export const RDS_LOGIN_RULE = `
CREATE FUNCTION public.rds_login_rule() RETURNS event_trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = pg_catalog SET pgaudit.log = 'none' AS $rule$
DECLARE
  iam_only boolean;
  by_token boolean := split_part(system_user, ':', 1) = 'password';
BEGIN
  WITH RECURSIVE up(roleid) AS (
    SELECT m.roleid FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
    WHERE r.rolname = session_user AND (m.inherit_option OR m.set_option)
    UNION
    SELECT m.roleid FROM pg_auth_members m JOIN up ON m.member = up.roleid WHERE m.inherit_option OR m.set_option
  )
  SELECT EXISTS (SELECT FROM up JOIN pg_roles g ON g.oid = up.roleid WHERE g.rolname = 'rds_iam') INTO iam_only;
  IF iam_only AND NOT by_token THEN
    RAISE EXCEPTION 'PAM authentication failed for user "%"', session_user
      USING DETAIL = 'a member of rds_iam (directly or through nested grants) logs in with an IAM token only';
  END IF;
  IF by_token AND NOT iam_only THEN
    RAISE EXCEPTION 'IAM authentication failed for user "%"', session_user
      USING DETAIL = 'a role outside rds_iam logs in with its password only';
  END IF;
END
$rule$;
CREATE EVENT TRIGGER rds_login_rule ON login EXECUTE FUNCTION public.rds_login_rule();
`;
