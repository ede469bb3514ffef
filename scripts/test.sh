#!/usr/bin/env bash
# Everything CI checks, in order: type checking, lint, then every package's
# tests, closing with one summary line ("tests: N passed, N failed, N skipped").
# Run it as `yarn test`; pass package folders to test only those, e.g.
# `yarn test plugins/cos-auditd-backend` (type checking and lint still run,
# the end-to-end tests do not).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Test tools"
bash scripts/install-test-tools.sh

# The shared fixtures (real public audit records, GKE's upstream manifests; never
# copied into the repository) let the conformance tests run; they skip without.
if [[ -z "${COS_AUDITD_SHARED_FIXTURES:-}" ]]; then
  for candidate in "$PWD/../shared/fixtures" /work/shared/fixtures; do
    if [[ -d "$candidate" ]]; then
      export COS_AUDITD_SHARED_FIXTURES="$(cd "$candidate" && pwd)"
      break
    fi
  done
fi
if [[ -z "${COS_AUDITD_AUDIT_CORPUS:-}" && -n "${COS_AUDITD_SHARED_FIXTURES:-}" ]]; then
  export COS_AUDITD_AUDIT_CORPUS="$COS_AUDITD_SHARED_FIXTURES/audit-corpus"
fi
echo "shared fixtures: ${COS_AUDITD_SHARED_FIXTURES:-not found (their conformance tests are skipped)}"

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

e2e_results=""
if [[ $# -eq 0 ]]; then
  echo "== End-to-end tests (the demo portal in Chromium)"
  # Playwright starts the demo (`yarn start`) and stops it afterwards; its
  # report and the screenshots of each step land in e2e-test-report/.
  rm -rf e2e-test-report
  yarn test:e2e || status=$?
  e2e_results="e2e-test-report/results.json"
fi

node scripts/print-test-summary.mjs "$results" $e2e_results || status=1
rm -f "$results"
exit "$status"
