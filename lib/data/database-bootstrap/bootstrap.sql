-- Database bootstrap: run by the DatabaseBootstrap custom resource as the master user, in the application
-- database, on every deploy that changes this file, the cluster or the list of people. Idempotent: running it again
-- changes nothing. One transaction, so a failure leaves the database as it was and fails the deploy.
--
-- Roles (the names are fixed; lib/data/database-bootstrap.ts declares the same ones to CloudFormation):
--   app_owner    owns schema app and everything in it; nobody logs in as it. The master user is a member (it
--                sets default privileges and takes back restored objects), and so is app_service.
--   app_service  the application: logs in with IAM authentication, member of app_owner (its sessions act as it),
--                no superuser, no role or database creation; pgaudit logs its DDL and role changes only (ddl,role).
--   db_people    group role for people: read and write schema app; every member logs in as themselves with IAM
--                authentication and pgaudit logs their reads, writes, DDL and role changes (read,write,ddl,role).
--   rds_pgaudit  the role pgaudit.role names for object auditing (RDS expects it; nobody logs in as it).
--   dump_reader  the nightly dump's login: password from its own secret (never the master's), so never a member of
--                rds_iam; a member of no role at all (NOINHERIT besides); USAGE on schema app and SELECT on its
--                tables and sequences, what pg_dump of this database reads; no CREATE anywhere, no write.
-- pgaudit.* are superuser-set parameters: no role created here can change them, at session or role level.
--
-- Ownership is kept apart from login: RDS lets a member of rds_iam, directly or through nested grants, log in with
-- an IAM token only (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/database-authentication.html). The
-- master user (this bootstrap) and dump_reader (the nightly dump) log in with their passwords, so neither is ever a
-- member of a role that holds rds_iam: login roles are members of the owner role, never the other way round.

BEGIN;
-- Two deploys never interleave their bootstraps.
SELECT pg_advisory_xact_lock(hashtext('platform_bootstrap'));

CREATE EXTENSION IF NOT EXISTS pgaudit;

DO $roles$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_pgaudit') THEN
    CREATE ROLE rds_pgaudit NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_owner') THEN
    CREATE ROLE app_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_service') THEN
    CREATE ROLE app_service LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'db_people') THEN
    CREATE ROLE db_people NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dump_reader') THEN
    CREATE ROLE dump_reader LOGIN NOINHERIT;
  END IF;
END
$roles$;

ALTER ROLE app_owner WITH NOLOGIN NOCREATEDB NOCREATEROLE;
ALTER ROLE app_service WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT;
ALTER ROLE db_people WITH NOLOGIN NOCREATEDB NOCREATEROLE;
-- Its secret comes from the dump reader's own Secrets Manager secret, through a procedure below. (pgaudit blanks a
-- statement that mentions the word, so these lines avoid it.)
ALTER ROLE dump_reader WITH LOGIN NOINHERIT NOCREATEDB NOCREATEROLE;
-- Aurora's IAM authentication: a member of rds_iam logs in with a token, never a password.
GRANT rds_iam TO app_service;
-- The master user owns nothing of the application's but may act as its owner role, which holds no rds_iam.
GRANT app_owner TO CURRENT_USER;
-- The application uses the schema as its owner role, and what it creates is that role's (its sessions start as it).
GRANT app_owner TO app_service;
ALTER ROLE app_service SET role = 'app_owner';

-- The application's own schema; nothing else in the database is granted to it.
CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION app_owner;
ALTER SCHEMA app OWNER TO app_owner;
-- Objects of schema app that someone else owns (a dump restored with pg_restore --no-owner is the master user's, an
-- earlier bootstrap's are app_service's) become the owner role's again; a table takes its sequences and indexes along.
-- Objects of a role the master user cannot act as are left alone (an application session that reset its role).
DO $owners$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS object, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'app' AND c.relowner <> 'app_owner'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND pg_has_role(c.relowner, 'USAGE')
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
    ORDER BY c.relkind = 'S'
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO app_owner',
      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.object);
  END LOOP;
END
$owners$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO db_people;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA app TO db_people;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA app TO db_people;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO db_people;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app
  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO db_people;
-- The dump reads schema app and nothing else: a table elsewhere fails the dump by name (it is never left out quietly).
GRANT USAGE ON SCHEMA app TO dump_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO dump_reader;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA app TO dump_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT SELECT ON TABLES TO dump_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA app GRANT SELECT ON SEQUENCES TO dump_reader;
-- An earlier bootstrap made the master user a member of app_service, and through it of rds_iam: IAM-only. Its
-- objects are app_owner's by now, so the membership goes.
DO $unlock$
BEGIN
  IF EXISTS (
    SELECT FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
    WHERE m.roleid = 'app_service'::regrole AND r.rolname = current_user AND (m.inherit_option OR m.set_option)
  ) THEN
    REVOKE app_service FROM CURRENT_USER;
  END IF;
END
$unlock$;

-- Connecting is granted, not left to PUBLIC; the audit default for every session of this database is the full set.
DO $database$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO app_service, db_people, dump_reader', current_database());
  EXECUTE format('ALTER DATABASE %I SET pgaudit.log = %L', current_database(), 'read,write,ddl,role');
END
$database$;

-- Per-role audit classes: a role setting overrides the database's and the cluster's. The application's every
-- statement would otherwise be logged; its DDL and role changes still are.
ALTER ROLE app_service SET pgaudit.log = 'ddl,role';

-- Bookkeeping of the bootstrap itself: readable by the master user only.
CREATE SCHEMA IF NOT EXISTS platform_bootstrap;
REVOKE ALL ON SCHEMA platform_bootstrap FROM PUBLIC;

-- People: one login role each, member of db_people, audited in full. Someone taken off the list keeps the role
-- (the audit log names it) but can no longer log in. The master user's own membership (PostgreSQL 16+ grants the
-- creator of a role ADMIN OPTION on it) is not a person's.
CREATE OR REPLACE PROCEDURE platform_bootstrap.reconcile_people(people text[])
LANGUAGE plpgsql AS $reconcile$
DECLARE
  person text;
BEGIN
  FOREACH person IN ARRAY coalesce(people, '{}') LOOP
    IF person !~ '^[a-z][a-z0-9_]{0,62}$' OR person IN ('app_owner', 'app_service', 'db_people', 'rds_pgaudit', 'dump_reader') THEN
      RAISE EXCEPTION 'person % is not a valid role name for a person', person;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = person) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', person);
    END IF;
    EXECUTE format('ALTER ROLE %I WITH LOGIN NOCREATEDB NOCREATEROLE', person);
    EXECUTE format('GRANT db_people, rds_iam TO %I', person);
    EXECUTE format('ALTER ROLE %I SET pgaudit.log = %L', person, 'read,write,ddl,role');
  END LOOP;
  FOR person IN
    SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
    WHERE m.roleid = 'db_people'::regrole AND NOT m.admin_option AND r.rolcanlogin
      AND r.rolname <> ALL (coalesce(people, '{}'))
  LOOP
    EXECUTE format('ALTER ROLE %I WITH NOLOGIN', person);
  END LOOP;
END
$reconcile$;
REVOKE ALL ON PROCEDURE platform_bootstrap.reconcile_people(text[]) FROM PUBLIC;

-- The dump reader's password, as a SCRAM-SHA-256 verifier the function computes from its secret: the password itself
-- never reaches the server, its log or the audit log (which records ALTER ROLE).
CREATE OR REPLACE PROCEDURE platform_bootstrap.set_dump_reader_password(verifier text)
LANGUAGE plpgsql AS $password$
BEGIN
  IF verifier IS NULL OR verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$' THEN
    RAISE EXCEPTION 'the dump reader''s password must be given as a SCRAM-SHA-256 verifier, never in clear';
  END IF;
  EXECUTE format('ALTER ROLE dump_reader WITH LOGIN PASSWORD %L', verifier);
END
$password$;
REVOKE ALL ON PROCEDURE platform_bootstrap.set_dump_reader_password(text) FROM PUBLIC;

-- What the bootstrap reports to the deploy, read from the catalogs (not from what this file meant to do).
CREATE OR REPLACE FUNCTION platform_bootstrap.report() RETURNS jsonb
LANGUAGE sql STABLE AS $report$
  SELECT jsonb_build_object(
    'pgaudit', (SELECT extversion FROM pg_extension WHERE extname = 'pgaudit'),
    'rdsPgauditRole', EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_pgaudit'),
    'roles', (
      SELECT jsonb_object_agg(r.rolname, jsonb_build_object(
        'login', r.rolcanlogin,
        'superuser', r.rolsuper,
        'createRole', r.rolcreaterole,
        'createDb', r.rolcreatedb,
        'pgauditLog', (
          SELECT split_part(c, '=', 2) FROM pg_db_role_setting s, unnest(s.setconfig) c
          WHERE s.setrole = r.oid AND s.setdatabase = 0 AND c LIKE 'pgaudit.log=%'
        ),
        'memberOf', (
          SELECT coalesce(jsonb_agg(g.rolname ORDER BY g.rolname), '[]')
          FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid
        )
      ))
      FROM pg_roles r
      WHERE r.rolname IN ('app_owner', 'app_service', 'db_people', 'dump_reader')
         OR r.oid IN (SELECT member FROM pg_auth_members WHERE roleid = 'db_people'::regrole AND NOT admin_option)
    ),
    'databasePgauditLog', (
      SELECT split_part(c, '=', 2) FROM pg_db_role_setting s, unnest(s.setconfig) c
      WHERE s.setrole = 0 AND s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND c LIKE 'pgaudit.log=%'
    )
  )
$report$;
REVOKE ALL ON FUNCTION platform_bootstrap.report() FROM PUBLIC;

-- The promises, asserted: a deploy whose database breaks one of them fails here.
DO $assert$
DECLARE
  app pg_roles;
  dump pg_roles;
  login text;
BEGIN
  SELECT * INTO app FROM pg_roles WHERE rolname = 'app_service';
  IF app.rolsuper OR app.rolcreaterole OR app.rolcreatedb OR app.rolreplication OR app.rolbypassrls THEN
    RAISE EXCEPTION 'app_service holds a privileged attribute (superuser, createrole, createdb, replication or bypassrls)';
  END IF;
  IF EXISTS (
    SELECT FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
    WHERE m.member = app.oid AND g.rolname NOT IN ('rds_iam', 'app_owner')
  ) THEN
    RAISE EXCEPTION 'app_service is a member of a role other than rds_iam and app_owner';
  END IF;
  -- RDS's rule: a login in rds_iam, directly or through nested grants, is IAM-only. The master user (this session;
  -- the next bootstrap) and dump_reader (the nightly dump) log in with their passwords, and would fail.
  FOREACH login IN ARRAY ARRAY[session_user::text, 'dump_reader'] LOOP
    IF EXISTS (
      WITH RECURSIVE up(roleid) AS (
        SELECT m.roleid FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
        WHERE r.rolname = login AND (m.inherit_option OR m.set_option)
        UNION
        SELECT m.roleid FROM pg_auth_members m JOIN up ON m.member = up.roleid WHERE m.inherit_option OR m.set_option
      )
      SELECT FROM up JOIN pg_roles g ON g.oid = up.roleid WHERE g.rolname = 'rds_iam'
    ) THEN
      RAISE EXCEPTION '% % would be a member of rds_iam and could no longer log in with its password',
        CASE WHEN login = session_user THEN 'the master user' ELSE 'the dump login' END, login;
    END IF;
  END LOOP;
  -- The dump reads and nothing more: no attribute, no membership (not even without inheritance), no write, no CREATE.
  SELECT * INTO dump FROM pg_roles WHERE rolname = 'dump_reader';
  IF dump.rolsuper OR dump.rolcreaterole OR dump.rolcreatedb OR dump.rolreplication OR dump.rolbypassrls OR dump.rolinherit THEN
    RAISE EXCEPTION 'dump_reader holds a privileged attribute or inherits (superuser, createrole, createdb, replication, bypassrls, inherit)';
  END IF;
  IF EXISTS (SELECT FROM pg_auth_members WHERE member = dump.oid) THEN
    RAISE EXCEPTION 'dump_reader is a member of a role; it reads with its own grants only';
  END IF;
  IF has_database_privilege(dump.oid, current_database(), 'CREATE') OR has_database_privilege(dump.oid, current_database(), 'TEMPORARY')
     OR EXISTS (SELECT FROM pg_namespace n WHERE has_schema_privilege(dump.oid, n.oid, 'CREATE'))
     OR EXISTS (
       SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'app' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
         AND has_table_privilege(dump.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
     ) THEN
    RAISE EXCEPTION 'dump_reader may create or write something; it may only read';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgaudit') THEN
    RAISE EXCEPTION 'the pgaudit extension is missing';
  END IF;
END
$assert$;

COMMIT;
