#!/usr/bin/env bash
# Builds (once) a Debian root file system with debootstrap and prints its path on stdout; everything else goes to
# stderr. Generic on purpose: the image builder, the PostgreSQL server of the rehearsal and other tools reuse it.
#
#   scripts/rehearsal/debian-rootfs.sh <name> <suite> [package...]
#
# The result is cached under $REHEARSAL_DIR/rootfs/<name>-<key> (default .rehearsal/, git-ignored), where the key
# digests the suite, the sorted package list and this script, so a second call with the same inputs is instant.
# --variant=minbase plus exactly the packages asked for keeps it short; downloaded .debs are kept in
# $REHEARSAL_DIR/debs and shared by every root file system. Needs root (debootstrap does).
#   REHEARSAL_MIRROR  Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail
# debootstrap and friends live in sbin, which a non-login shell's PATH (and env -i) may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

usage() { echo "usage: $0 <name> <suite> [package...]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
name="$1" suite="$2"
shift 2
[[ "$name" =~ ^[a-z0-9][a-z0-9._-]*$ ]] || { echo "debian-rootfs: name '$name' must be lower-case letters, digits, . _ -" >&2; exit 2; }
[[ "$suite" =~ ^[a-z]+$ ]] || { echo "debian-rootfs: suite '$suite' is not a Debian suite name such as trixie" >&2; exit 2; }

here="$(cd "$(dirname "$0")" && pwd)"
root_dir="${REHEARSAL_DIR:-$(cd "$here/../.." && pwd)/.rehearsal}"
mirror="${REHEARSAL_MIRROR:-http://deb.debian.org/debian}"
bash "$here/ensure-tools.sh" >&2

packages="$(printf '%s\n' "$@" | sort -u | paste -sd, -)"
key="$( { echo "$suite"; echo "$packages"; echo "$mirror"; cat "$0"; } | sha256sum | cut -c1-16)"
dest="$root_dir/rootfs/$name-$key"
mkdir -p "$root_dir/rootfs" "$root_dir/debs" "$root_dir/locks"

# One builder per root file system at a time (jest runs test files in parallel).
exec 9>"$root_dir/locks/$name-$key.lock"
flock 9
if [[ -f "$dest/.rehearsal-complete" ]]; then
  echo "$dest"
  exit 0
fi

# The suite's minbase is made once and shared; packages are then added by apt-get inside it, which (unlike
# debootstrap's --include) resolves virtual packages. Downloaded .debs are kept in $root_dir/debs for every build.
base="$root_dir/rootfs/minbase-$suite-$(echo "$mirror" | sha256sum | cut -c1-8)"
exec 8>"$base.lock"
flock 8
if [[ ! -f "$base/.rehearsal-complete" ]]; then
  rm -rf "$base.tmp"
  started=$SECONDS
  echo "debian-rootfs: debootstrap --variant=minbase $suite" >&2
  debootstrap --variant=minbase --cache-dir="$root_dir/debs" "$suite" "$base.tmp" "$mirror" >&2 || {
    echo "debian-rootfs: debootstrap failed; its log: $base.tmp/debootstrap/debootstrap.log" >&2
    exit 1
  }
  rm -rf "$base.tmp"/var/lib/apt/lists/* "$base.tmp"/var/cache/apt/archives/*.deb
  touch "$base.tmp/.rehearsal-complete"
  mv "$base.tmp" "$base"
  echo "debian-rootfs: minbase $suite in $((SECONDS - started)) s" >&2
fi
flock -u 8
if [[ -z "$packages" ]]; then
  echo "$base"
  exit 0
fi

tmp="$dest.tmp"
rm -rf "$tmp"
started=$SECONDS
echo "debian-rootfs: building $name ($suite minbase + $packages)" >&2
cp -a "$base" "$tmp"
rm -f "$tmp/.rehearsal-complete"
bash "$here/in-rootfs.sh" "$tmp" sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends $(echo "$packages" | tr , ' ')" >&2
rm -rf "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/apt/archives/*.deb
touch "$tmp/.rehearsal-complete"
mv "$tmp" "$dest"
echo "debian-rootfs: $name built in $((SECONDS - started)) s at $dest" >&2
echo "$dest"
