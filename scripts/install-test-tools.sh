#!/usr/bin/env bash
# Installs the Debian packages some tests compare against or drive, where they
# are missing and we are root with apt-get:
#   auditd   ausearch, the independent reference for the audit record parser
#            (the conformance test over ../shared/fixtures/audit-corpus)
#   chromium the browser the end-to-end tests drive through Playwright
#            (Playwright's own browser downloads are not reachable here)
# Elsewhere it only says what is missing; the tests that need a tool then fail
# with a message naming the package.
set -euo pipefail

log() { echo "install-test-tools: $*" >&2; }
export PATH="$PATH:/usr/sbin:/sbin"

missing=()
command -v ausearch >/dev/null 2>&1 || missing+=(auditd)
[[ -n "${COS_AUDITD_CHROMIUM:-}" ]] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null 2>&1; then
  log "missing Debian packages: ${missing[*]} (install them with apt-get as root)"
  exit 0
fi
log "installing Debian packages: ${missing[*]}"
# Only the package lists are updated when an install needs them.
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
