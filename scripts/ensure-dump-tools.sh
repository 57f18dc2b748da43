#!/usr/bin/env bash
# Makes sure the GPG dump round-trip test (test/backup/dump-round-trip.test.ts) has a real PostgreSQL server and
# GnuPG. Installs Debian's postgresql and gnupg only when something is missing; does nothing otherwise.
set -euo pipefail

missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(initdb)
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(pg_ctl)
for tool in gpg psql pg_dump pg_restore openssl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "ensure-dump-tools: postgresql and gnupg present"
  exit 0
fi

echo "ensure-dump-tools: missing ${missing[*]}"
bash "$(dirname "$0")/apt-install.sh" "the GPG dump round trip needs a PostgreSQL server and GnuPG" postgresql gnupg openssl
