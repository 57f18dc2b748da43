#!/usr/bin/env bash
# Restores a GPG-encrypted dump written by dump.sh. Run by hand, outside AWS, by whoever holds the private key
# (docs/runbooks/restore.md). The target database must exist and should be empty.
#
# Inputs (environment):
#   GNUPGHOME          keyring holding the recipient's private key (default: the user's keyring)
#   DUMP_SOURCE        file:///path/to/file.pgdump.gpg, a plain path, or s3://bucket/key
#   PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD  the target database
#   PGSSLMODE          verify-full (default), verify-ca or require
set -euo pipefail

fail() { echo "restore: $*" >&2; exit 1; }

: "${DUMP_SOURCE:?restore: DUMP_SOURCE is required}"
: "${PGDATABASE:?restore: PGDATABASE is required}"
export PGSSLMODE="${PGSSLMODE:-verify-full}"
case "$PGSSLMODE" in
  require | verify-ca | verify-full) ;;
  *) fail "PGSSLMODE=$PGSSLMODE would allow an unencrypted connection; use require, verify-ca or verify-full" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case "$DUMP_SOURCE" in
  s3://*) aws s3 cp --only-show-errors "$DUMP_SOURCE" "$work/dump.gpg"; src="$work/dump.gpg" ;;
  file://*) src="${DUMP_SOURCE#file://}" ;;
  *) src="$DUMP_SOURCE" ;;
esac
[[ -f "$src" ]] || fail "no dump at $src"

# Decrypt fully before restoring, so a wrong key fails before anything touches the database.
umask 077
gpg --batch --quiet --decrypt --output "$work/dump.pgdump" "$src" || fail "cannot decrypt $src: this keyring does not hold the recipient's private key"
pg_restore --no-password --no-owner --no-privileges --exit-on-error --dbname="$PGDATABASE" "$work/dump.pgdump"
echo "restore: $src restored into ${PGDATABASE}"
