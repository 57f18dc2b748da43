#!/usr/bin/env bash
# Logical dump of one PostgreSQL database, encrypted client-side with GPG to a public key whose private half never
# enters AWS (REST-3). Plaintext is never written to disk: pg_dump streams straight into gpg.
#
# Inputs (environment):
#   PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD  the database (libpq variables)
#   PGSSLMODE             verify-full (default), verify-ca or require; anything weaker is refused (TRANSIT-1)
#   GPG_RECIPIENT_KEY     ASCII-armored public key, or
#   GPG_RECIPIENT_KEY_FILE  a file holding it
#   DUMP_TARGET           file:///path/to/file.pgdump.gpg, or s3://bucket/prefix/ (a name is appended when it ends
#                         in '/'), or s3://bucket/key
set -euo pipefail

fail() { echo "dump: $*" >&2; exit 1; }

: "${PGHOST:?dump: PGHOST is required}"
: "${PGDATABASE:?dump: PGDATABASE is required}"
: "${PGUSER:?dump: PGUSER is required}"
: "${DUMP_TARGET:?dump: DUMP_TARGET is required (file:///path or s3://bucket/key)}"
export PGSSLMODE="${PGSSLMODE:-verify-full}"
case "$PGSSLMODE" in
  require | verify-ca | verify-full) ;;
  *) fail "PGSSLMODE=$PGSSLMODE would allow an unencrypted connection; use require, verify-ca or verify-full" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"

if [[ -n "${GPG_RECIPIENT_KEY_FILE:-}" ]]; then
  cp "$GPG_RECIPIENT_KEY_FILE" "$work/recipient.asc"
elif [[ -n "${GPG_RECIPIENT_KEY:-}" ]]; then
  printf '%s\n' "$GPG_RECIPIENT_KEY" >"$work/recipient.asc"
else
  fail "GPG_RECIPIENT_KEY or GPG_RECIPIENT_KEY_FILE is required"
fi
if grep -q 'PRIVATE KEY' "$work/recipient.asc"; then
  fail "the recipient key contains a PRIVATE key block; give only the public key"
fi
gpg --batch --quiet --import "$work/recipient.asc" 2>"$work/import.log" || { cat "$work/import.log" >&2; fail "cannot import the recipient key"; }
fingerprint="$(gpg --batch --with-colons --list-keys | awk -F: '$1 == "fpr" { print $10; exit }')"
[[ -n "$fingerprint" ]] || fail "no public key found in the recipient key"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$work/${PGDATABASE}-${stamp}.pgdump.gpg"
pg_dump --format=custom --no-password --dbname="$PGDATABASE" \
  | gpg --batch --yes --trust-model always --compress-algo none --encrypt --recipient "$fingerprint" --output "$out"

case "$DUMP_TARGET" in
  file://*)
    dest="${DUMP_TARGET#file://}"
    mkdir -p "$(dirname "$dest")"
    mv "$out" "$dest"
    ;;
  s3://*)
    dest="$DUMP_TARGET"
    [[ "$dest" == */ ]] && dest="${dest}$(basename "$out")"
    aws s3 cp --only-show-errors "$out" "$dest"
    ;;
  *) fail "DUMP_TARGET=$DUMP_TARGET is neither file:// nor s3://" ;;
esac
echo "dump: ${PGDATABASE} encrypted to ${fingerprint} and written to ${dest}"
