#!/usr/bin/env bash
# The supported aws-cdk-lib range, tested as a consumer meets it. For each target:
#   - makes the consumer test's app as a newcomer does: the packed library's own `secure-platform init` (npm pack, as
#     published), filled by scripts/fill-consumer-app.js (a team's config, a fresh dump key, its own documents in
#     security/, a SecureQueue and a ReplicatedBucket in stacks of the stage), with that target's aws-cdk-lib, cdk-nag
#     and constructs, and the CDK CLI that reads their cloud assembly;
#   - synthesizes it (the feature flags init writes) and the reference platform (bin/platform.ts against the package,
#     with the flags `cdk init` writes for that aws-cdk-lib): the synth gate, every stock pack included, must pass,
#     and then `secure-platform evidence --strict --docs security` on each, with no acknowledgment of the team's own;
#   - runs the database bootstrap function's packaged code on the Node.js major of the Lambda runtime it took.
# Usage: bash scripts/cdk-range.sh [newest|lowest]...   (default: newest)
#   newest  the newest aws-cdk-lib, cdk-nag and constructs the npm registry serves inside package.json's peer ranges
#           (today `npm view aws-cdk-lib version`), and the newest CDK CLI
#   lowest  the lower bounds of package.json's peer ranges (and the CLI init pins)
# Exits non-zero on the first failure. KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CDK_DISABLE_VERSION_CHECK=1 CDK_DISABLE_CLI_TELEMETRY=1 AWS_EC2_METADATA_DISABLED=true
targets=("${@:-newest}")

work="$(mktemp -d "${TMPDIR:-/tmp}/secure-platform-cdk-range-XXXXXX")"
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
started=$SECONDS
say() { printf '[cdk-range %3ss] %s\n' "$((SECONDS - started))" "$*"; }

peer_range() { node -p "require('./package.json').peerDependencies['$1']"; }
# The lower bound of a peer range of package.json (^2.276.0 -> 2.276.0).
peer_floor() { peer_range "$1" | sed -E 's/^[\^~>=]+//'; }
# The newest release the registry serves inside the peer range (a new major is a new range, not a new test).
peer_newest() {
  npm view "$1@$(peer_range "$1")" version --json | node -e '
    const key = (v) => v.split(".").map((n) => n.padStart(8, "0")).join(".");
    const versions = [JSON.parse(require("fs").readFileSync(0, "utf8"))].flat(); // npm lists them unordered
    console.log(versions.sort((a, b) => key(a).localeCompare(key(b))).pop());'
}

for target in "${targets[@]}"; do
  [[ "$target" =~ ^(newest|lowest)$ ]] || { echo "cdk-range.sh: unknown target '$target': use newest or lowest" >&2 && exit 2; }
done

say "packing the library"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"

for target in "${targets[@]}"; do
  app="$work/$target/consumer"
  reference="$work/$target/reference"
  mkdir -p "$work/$target"
  say "$target: secure-platform init (the packed command) and the team's fill-in"
  # The packed command, installed as a consumer installs it (npx --package can wait forever on its cache lock), in a
  # folder of its own: --prefix would also move npm's global config and lose the machine's (a mirror, a cafile).
  mkdir -p "$work/$target/cli" && echo '{ "private": true }' >"$work/$target/cli/package.json"
  (cd "$work/$target/cli" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball" >/dev/null) &&
    (cd "$work/$target" && cli/node_modules/.bin/secure-platform init --dir consumer >/dev/null)
  case "$target" in
    newest)
      cdk_lib="$(peer_newest aws-cdk-lib)" nag="$(peer_newest cdk-nag)" constructs="$(peer_newest constructs)"
      cli="$(npm view aws-cdk version)"
      ;;
    lowest)
      cdk_lib="$(peer_floor aws-cdk-lib)" nag="$(peer_floor cdk-nag)" constructs="$(peer_floor constructs)"
      cli="$(node -p "require('$app/package.json').devDependencies['aws-cdk']")"
      ;;
  esac
  say "$target: aws-cdk-lib@$cdk_lib cdk-nag@$nag constructs@$constructs aws-cdk@$cli"
  (cd "$app" && npm install --no-audit --no-fund --prefer-offline --loglevel=error \
    "$tarball" "aws-cdk-lib@$cdk_lib" "cdk-nag@$nag" "constructs@$constructs" "aws-cdk@$cli")
  installed="$(cd "$app" && node -p "require('aws-cdk-lib/package.json').version")"
  [ "$installed" = "$cdk_lib" ] || { echo "installed aws-cdk-lib $installed, not $cdk_lib" >&2 && exit 1; }
  node scripts/fill-consumer-app.js "$app"

  say "$target: the team's app (init's feature flags): tsc, cdk synth and evidence --strict --docs security"
  (cd "$app" && npx tsc --noEmit && npx cdk synth '**' --quiet && npx secure-platform evidence --strict --docs security)

  say "$target: reference platform (cdk init's feature flags): cdk synth and evidence --strict"
  mkdir -p "$reference/bin"
  cp "$app/tsconfig.json" "$app/package.json" "$reference/"
  ln -s "$app/node_modules" "$reference/node_modules"
  sed "s#from '../lib'#from '@pocketcity/secure-platform'#" bin/platform.ts >"$reference/bin/app.ts"
  node -e '
    const [cdkJson, flags, out] = process.argv.slice(1);
    const context = require(flags);
    require("fs").writeFileSync(out, JSON.stringify({ ...require(cdkJson), context }, null, 2));
  ' "$app/cdk.json" "$app/node_modules/aws-cdk-lib/recommended-feature-flags.json" "$reference/cdk.json"
  (cd "$reference" && npx cdk synth '**' --quiet && npx secure-platform evidence --strict --docs "$app/security")

  say "$target: the database bootstrap function on its Lambda runtime's Node.js"
  runtime="$(node -e '
    const fs = require("fs"), path = require("path");
    const dir = path.join(process.argv[1], "cdk.out", "assembly-prod");
    const runtimes = fs.readdirSync(dir).filter((f) => f.endsWith(".template.json"))
      .flatMap((f) => Object.values(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).Resources))
      .filter((r) => r.Type === "AWS::Lambda::Function" && /bootstrap\.sql/.test(r.Properties.Description || ""))
      .map((r) => r.Properties.Runtime);
    if (runtimes.length !== 1) throw new Error(`expected one bootstrap function, found ${runtimes.length}`);
    console.log(runtimes[0]);
  ' "$app")"
  major="$(sed -E 's/^nodejs([0-9]+)\.x$/\1/' <<<"$runtime")"
  [[ "$major" =~ ^[0-9]+$ ]] || { echo "the bootstrap function runs $runtime, not a nodejsNN.x runtime" >&2 && exit 1; }
  node_bin="$(bash scripts/ensure-node.sh "$major")"
  # The AWS SDK is the Lambda runtime's own; here the repository's stands in for it.
  NODE_PATH="$root/node_modules" "$node_bin" scripts/bootstrap-smoke.js \
    "$app/node_modules/@pocketcity/secure-platform/lib/data/database-bootstrap"
  say "$target: passed ($runtime)"
done
say "done: ${targets[*]}"
