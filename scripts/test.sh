#!/usr/bin/env bash
# Everything CI checks, in order: type checking, lint, then every package's
# tests, closing with one summary line ("tests: N passed, N failed, N skipped").
# Run it as `yarn test`; pass package folders to test only those, e.g.
# `yarn test plugins/cos-auditd-backend` (type checking and lint still run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "== Test tools"
bash scripts/install-test-tools.sh

# The shared audit corpus (real public audit records, never copied into the
# repository) lets the parser's conformance tests run; they skip without it.
if [[ -z "${COS_AUDITD_AUDIT_CORPUS:-}" ]]; then
  for candidate in "$PWD/../shared/fixtures/audit-corpus" /work/shared/fixtures/audit-corpus; do
    if [[ -f "$candidate/logentries.jsonl" ]]; then
      export COS_AUDITD_AUDIT_CORPUS="$(cd "$candidate" && pwd)"
      break
    fi
  done
fi
echo "audit corpus: ${COS_AUDITD_AUDIT_CORPUS:-not found (its conformance tests are skipped)}"

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
