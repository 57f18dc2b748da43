#!/usr/bin/env bash
# apt-install.sh WHY PACKAGE...: installs Debian packages for a test tool, saying first what and why (a first run on
# a fresh machine changes the system only after telling so). Waits for another apt or dpkg (unattended upgrades, a
# parallel install) to release its lock instead of failing: dpkg's lock through DPkg::Lock::Timeout, the package
# lists' lock (which that option may not cover) by retrying the update.
set -euo pipefail
why="$1"
shift
echo "apt-install: installing $* with apt-get ($why)" >&2
sudo_cmd=()
[[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=300 update >&2 && break
  [[ $attempt -lt 10 ]] || { echo "apt-install: apt-get update failed 10 times" >&2; exit 1; }
  echo "apt-install: apt-get update failed (another apt holding its lock?); retrying in 15 s" >&2
  sleep 15
done
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@" >&2
