#!/usr/bin/env bash
# Runs the pinned cfn-lint (requirements-ci.txt, installed into .venv by .ci/run) on every synthesized template.
# Settings and every ignored warning, each with its reason, live in .cfnlintrc.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
lint=.venv/bin/cfn-lint
if [ ! -x "$lint" ]; then
  echo "cfn-lint is not installed: run 'python3 -m venv .venv && .venv/bin/pip install -r requirements-ci.txt'" >&2
  exit 1
fi
shopt -s globstar nullglob
templates=(cdk.out/**/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "no templates under cdk.out: run 'npm run synth' first" >&2
  exit 1
fi
"$lint" --version
"$lint" --config-file .cfnlintrc.yaml -- "${templates[@]}"
echo "cfn-lint: ${#templates[@]} templates, no errors"
