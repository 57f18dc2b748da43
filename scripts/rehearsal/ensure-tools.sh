#!/usr/bin/env bash
# Installs what the rehearsal needs when it is missing: debootstrap (root file systems), bubblewrap (running
# containers without a daemon), util-linux's setpriv and flock, and moto's S3 server in .venv (pinned in
# requirements-ci.txt). Does nothing when everything is there.
set -euo pipefail
# debootstrap and friends live in sbin, which a non-login shell's PATH (and env -i) may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
cd "$(dirname "$0")/../.."
missing=()
for tool in debootstrap bwrap setpriv flock; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "rehearsal: missing ${missing[*]}" >&2
  bash scripts/apt-install.sh "the container rehearsal builds root file systems and runs them without a daemon" \
    debootstrap bubblewrap util-linux
fi
# Again whenever requirements-ci.txt changed since .venv was filled (a new pin, such as the restore drill's AWS CLI).
wanted="$(sha256sum requirements-ci.txt | cut -d' ' -f1)"
if [[ ! -x .venv/bin/moto_server || "$(cat .venv/.requirements-ci.sha256 2>/dev/null)" != "$wanted" ]]; then
  echo "rehearsal: installing the pinned requirements-ci.txt (moto's S3 server, the AWS CLI, cfn-lint) into .venv" >&2
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements-ci.txt >&2
  echo "$wanted" >.venv/.requirements-ci.sha256
fi
