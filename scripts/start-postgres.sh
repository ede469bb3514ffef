#!/usr/bin/env bash
# Starts a local PostgreSQL 15 for the database tests and prints the connection
# string that Backstage's TestDatabases reads from
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.
#
#   export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(scripts/start-postgres.sh)"
#
# Installs Debian's postgresql package where it is missing and we are root.
# Prints nothing (and exits 0) where PostgreSQL cannot be had, so the tests
# then run on SQLite alone.
set -euo pipefail

# A throwaway password for a server that only listens on loopback, for tests.
PASSWORD="cos-auditd-tests"
PORT=5432

log() { echo "start-postgres: $*" >&2; }

# runuser and the cluster tools live in sbin, which a minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian's postgresql package"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 ||
      { log "could not install PostgreSQL; database tests run on SQLite only"; exit 0; }
  else
    log "PostgreSQL is not installed; database tests run on SQLite only"
    exit 0
  fi
fi

if ! pg_lsclusters --no-header 2>/dev/null | awk '$1 == 15 && $2 == "main"' | grep -q .; then
  log "no PostgreSQL 15 cluster 'main' on this machine; database tests run on SQLite only"
  exit 0
fi

if ! pg_lsclusters --no-header | awk '$1 == 15 && $2 == "main" {print $4}' | grep -q online; then
  log "starting PostgreSQL 15"
  pg_ctlcluster 15 main start >&2
fi

# Password login over TCP, as the tests connect (pg_hba asks for scram on loopback).
runuser -u postgres -- psql -q -p "$PORT" -c "ALTER USER postgres PASSWORD '${PASSWORD}'" >&2

echo "postgresql://postgres:${PASSWORD}@127.0.0.1:${PORT}"
