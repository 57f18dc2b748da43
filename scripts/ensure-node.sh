#!/usr/bin/env bash
# Puts a Node.js of one major version into the git-ignored .node<MAJOR>/ (the node-linux-<arch> build from the npm
# registry, as CI's Node 24 run does) unless one is there, and prints the path of its node binary.
#   bash scripts/ensure-node.sh 26        the newest 26.x
#   bash scripts/ensure-node.sh 24.22.3   that release (an existing .node24 of another 24.x is kept)
#   bash scripts/ensure-node.sh lambda    the major of the Lambda runtime the database bootstrap function takes
#                                         with the installed aws-cdk-lib (lib/data/private/latest-node-runtime.ts)
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:?usage: ensure-node.sh MAJOR|VERSION|lambda}"
if [ "$want" = lambda ]; then
  want="$(node -r ts-node/register/transpile-only -p \
    "const r = require('./lib/data/private/latest-node-runtime'); r.nodeMajorOf(r.latestNodeRuntime())")"
fi
major="${want%%.*}"
dir=".node$major"
if [ "$("$dir/package/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$major" ]; then
  echo "$PWD/$dir/package/bin/node"
  exit 0
fi
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "no Node.js build on the npm registry for $(uname -m)" >&2 && exit 1 ;;
esac
rm -rf "$dir" && mkdir -p "$dir"
(cd "$dir" && npm pack --silent "node-linux-$arch@$want" >/dev/null && tar xzf ./*.tgz && rm ./*.tgz)
"$dir/package/bin/node" --version >&2
echo "$PWD/$dir/package/bin/node"
