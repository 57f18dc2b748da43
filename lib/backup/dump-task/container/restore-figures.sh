#!/bin/sh
# The figures of a restore drill (docs/runbooks/restore.md, section 3): for every table of schema app, its columns and
# types, its row count and an md5 of its rows in a stable order, one line per table. Read-only. Run it on the restored
# database and on the source; equal output means the restore holds what the source held.
#   restore-figures.sh DBNAME_OR_CONNINFO
set -eu
exec psql --no-psqlrc --tuples-only --no-align --set=ON_ERROR_STOP=1 --dbname="$1" --command "
  SELECT t.table_name,
         (SELECT string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position)
            FROM information_schema.columns c
           WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name),
         (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',
            t.table_schema, t.table_name), false, true, '')))[1]::text,
         (xpath('/row/s/text()', query_to_xml(format('SELECT md5(coalesce(string_agg(r::text, chr(10) ORDER BY r::text), %L)) AS s FROM %I.%I r',
            '', t.table_schema, t.table_name), false, true, '')))[1]::text
    FROM information_schema.tables t
   WHERE t.table_schema = 'app' AND t.table_type = 'BASE TABLE'
   ORDER BY t.table_name"
