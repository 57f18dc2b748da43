#!/usr/bin/env bash
# Runs a command as root inside a root file system, as a Dockerfile's RUN step does: bubblewrap with the folder as /
# (a chroot with /proc and /dev), the host's resolv.conf for Debian's mirrors, and the rehearsal's shared .deb cache
# as apt's archive folder, so packages are downloaded once for every image.
#   scripts/rehearsal/in-rootfs.sh <rootfs> <command> [arg...]     (environment: passed through as given)
set -euo pipefail
rootfs="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
debs="${REHEARSAL_DIR:-$(cd "$here/../.." && pwd)/.rehearsal}/debs"
mkdir -p "$debs/partial"
# apt locks its archive folder: one step at a time shares it (jest runs test files in parallel).
exec flock "$debs/.rehearsal.lock" bwrap --bind "$rootfs" / --dev /dev --proc /proc --ro-bind /etc/resolv.conf /etc/resolv.conf \
  --bind "$debs" /var/cache/apt/archives --unshare-pid --unshare-ipc --unshare-uts --die-with-parent \
  --setenv DEBIAN_FRONTEND noninteractive -- "$@"
