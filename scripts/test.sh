#!/usr/bin/env bash
# Everything CI checks, in order: type checking, lint, then every package's
# tests, closing with one summary line ("tests: N passed, N failed, N skipped").
# Run it as `yarn test`; pass package folders to test only those, e.g.
# `yarn test plugins/cos-auditd-backend` (type checking and lint still run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Test tools"
bash scripts/install-test-tools.sh

echo "== Type checking (tsc)"
yarn tsc

echo "== Lint"
yarn backstage-cli repo lint

echo "== Tests"
results="$(mktemp -t cos-auditd-jest.XXXXXX.json)"
status=0
# --watchAll=false: outside CI the Backstage CLI would otherwise watch.
# Two workers match the two cores that developers' machines and CI have.
yarn backstage-cli repo test --watchAll=false --maxWorkers=2 \
  --json --outputFile="$results" "$@" || status=$?

node scripts/print-test-summary.mjs "$results" || status=1
rm -f "$results"
exit "$status"
