#!/usr/bin/env bash
# Logical dump of one PostgreSQL database, encrypted client-side with GPG to a public key whose private half never
# enters AWS (REST-3). Nothing is staged on disk: pg_dump streams into gpg, and gpg into the upload (aws s3 cp from
# stdin, multipart), so the task's storage bounds nothing but the keyring.
#
# The upload reads from a FIFO whose write end this script holds open until pg_dump and gpg have both succeeded: a
# failed dump never reaches end-of-file, its upload is killed unfinished and no object is written (an incomplete
# multipart upload is aborted by the bucket's lifecycle). A transient connection failure is retried.
#
# What was uploaded is hashed in the same pipe (tee into sha256sum and wc -c, pipefail covering tee), and only once
# the upload succeeded is its record written beside it: `<dump>.sha256`, sha256sum's line naming the dump (so
# `sha256sum -c` checks a downloaded copy), with the size in bytes as metadata `dump-size` (x-amz-meta-dump-size).
# The daily dump check (GpgDumpCheck) reads the dump back and compares; a dump without its record is incomplete.
#
# Inputs (environment):
#   PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD  the database (libpq variables)
#   PGSSLMODE             verify-full (default), verify-ca or require; anything weaker is refused (TRANSIT-1)
#   GPG_RECIPIENT_KEY     ASCII-armored public key, or
#   GPG_RECIPIENT_KEY_FILE  a file holding it
#   DUMP_TARGET           file:///path/to/file.pgdump.gpg, or s3://bucket/prefix/ (a name is appended when it ends
#                         in '/'), or s3://bucket/key
#   DUMP_ATTEMPTS         attempts when the database cannot be reached (default 3)
#   DUMP_RETRY_SECONDS    wait before the second attempt, doubled before each later one (default 15)
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

attempts="${DUMP_ATTEMPTS:-3}"
delay="${DUMP_RETRY_SECONDS:-15}"
[[ "$attempts" =~ ^[1-9][0-9]*$ ]] || fail "DUMP_ATTEMPTS=$attempts is not a whole number from 1"
[[ "$delay" =~ ^[0-9]+$ ]] || fail "DUMP_RETRY_SECONDS=$delay is not a whole number of seconds"

name="${PGDATABASE}-$(date -u +%Y%m%dT%H%M%SZ).pgdump.gpg"
case "$DUMP_TARGET" in
  file://*) dest="${DUMP_TARGET#file://}" ;;
  s3://*)
    dest="$DUMP_TARGET"
    [[ "$dest" == */ ]] && dest="${dest}${name}"
    ;;
  *) fail "DUMP_TARGET=$DUMP_TARGET is neither file:// nor s3://" ;;
esac

# libpq's words for a server that is not there yet or went away; anything else (a certificate, a password, a
# permission) fails the same way every time and is not retried.
transient='could not connect|Connection refused|Connection timed out|timeout expired|No route to host|could not translate host name|server closed the connection unexpectedly|could not receive data from server|SSL SYSCALL error|the database system is (starting up|shutting down|in recovery)|terminating connection due to administrator command'

# One attempt: size the stream, start the upload on the FIFO, dump and encrypt into it, and let the upload see
# end-of-file only when both succeeded. Returns 0 on success, 75 on a transient database failure, 1 otherwise.
attempt() {
  local size uploader digester counter fifo="$work/stream" status sum bytes
  rm -f "$fifo" "$work/pg.err" "$work/digest.in" "$work/size.in" "$work/digest" "$work/size"
  # The database's size bounds the dump (custom format is compressed, indexes are definitions): the AWS CLI needs
  # --expected-size for a stream over 50 GB, or it runs out of its 10,000 parts.
  if ! size="$(psql --no-psqlrc --tuples-only --no-align --quiet --command 'SELECT pg_database_size(current_database())' 2>"$work/pg.err")"; then
    cat "$work/pg.err" >&2
    grep -Eq "$transient" "$work/pg.err" && return 75
    return 1
  fi
  mkfifo -m 600 "$fifo" "$work/digest.in" "$work/size.in" || return 1
  # The digest and the size of exactly the bytes handed to the upload.
  sha256sum <"$work/digest.in" >"$work/digest" &
  digester=$!
  wc -c <"$work/size.in" >"$work/size" &
  counter=$!
  # (Called as `attempt || ...`, so errexit is off in here: every step is checked.)
  case "$dest" in
    s3://*) aws s3 cp --only-show-errors --expected-size "$size" - "$dest" <"$fifo" & ;;
    *) mkdir -p "$(dirname "$dest")" || return 1; cat >"$dest.partial" <"$fifo" & ;;
  esac
  uploader=$!
  # Blocks until the uploader has the FIFO open for reading; from then on only this shell holds the write end.
  exec 3>"$fifo"
  pg_dump --format=custom --no-password --dbname="$PGDATABASE" 2>"$work/pg.err" \
    | gpg --batch --yes --trust-model always --compress-algo none --encrypt --recipient "$fingerprint" --output - \
    | tee "$work/digest.in" "$work/size.in" >&3
  status=$?
  if ((status != 0)); then
    # Killed before end-of-file: the CLI completes no upload, and cat leaves only the .partial file.
    kill -TERM "$uploader" "$digester" "$counter" 2>/dev/null || true
    exec 3>&-
    wait "$uploader" "$digester" "$counter" 2>/dev/null || true
    [[ "$dest" == s3://* ]] || rm -f "$dest.partial"
    cat "$work/pg.err" >&2
    grep -Eq "$transient" "$work/pg.err" && return 75
    return 1
  fi
  exec 3>&-
  wait "$digester" && wait "$counter" || return 1
  wait "$uploader" || return 1
  [[ "$dest" == s3://* ]] || mv "$dest.partial" "$dest" || return 1
  read -r sum _ <"$work/digest" && [[ "$sum" =~ ^[0-9a-f]{64}$ ]] || return 1
  bytes="$(tr -d ' ' <"$work/size")" && [[ "$bytes" =~ ^[0-9]+$ ]] || return 1
  # The record, written only now that the dump is there: sha256sum's line naming the dump, the size as metadata.
  case "$dest" in
    s3://*)
      printf '%s  %s\n' "$sum" "${dest##*/}" |
        aws s3 cp --only-show-errors --content-type text/plain --metadata "dump-size=$bytes" - "$dest.sha256" ||
        { echo "dump: ${dest} was written but its digest record ${dest}.sha256 was not" >&2; return 1; }
      ;;
    *) printf '%s  %s\n' "$sum" "${dest##*/}" >"$dest.sha256" || return 1 ;;
  esac
  digest="$sum"
  size_written="$bytes"
  cat "$work/pg.err" >&2
  return 0
}

for ((n = 1; ; n++)); do
  status=0
  attempt || status=$?
  ((status == 0)) && break
  ((status == 75 && n < attempts)) || fail "attempt $n of $attempts failed; no dump was written to ${dest}"
  echo "dump: attempt $n of $attempts could not reach the database; retrying in ${delay} s" >&2
  sleep "$delay"
  delay=$((delay * 2))
done
echo "dump: ${PGDATABASE} encrypted to ${fingerprint} and written to ${dest} (${size_written} bytes, sha256 ${digest}; record ${dest}.sha256)"
