#!/usr/bin/env bash
# Installs what the rehearsal needs when it is missing: debootstrap (root file systems), bubblewrap (running
# containers without a daemon) and util-linux's setpriv and flock. Does nothing when everything is there.
set -euo pipefail
missing=()
for tool in debootstrap bwrap setpriv flock; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "rehearsal: missing ${missing[*]}; installing debootstrap bubblewrap util-linux" >&2
sudo_cmd=()
[[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update >&2
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends debootstrap bubblewrap util-linux >&2
