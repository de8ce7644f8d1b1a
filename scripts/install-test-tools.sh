#!/usr/bin/env bash
# Installs what Gavel's tests drive, from Debian's packages, where it is missing: Chromium for the
# browser tests (never a browser download) and PostgreSQL for the tests of Gavel on many machines
# (each test run makes and removes its own throwaway cluster; nothing is started here).
set -euo pipefail
missing=()
if [ -x /usr/bin/chromium ]; then
  echo "Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
  missing+=(chromium fonts-dejavu-core)
fi
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  echo "PostgreSQL is already installed: $(ls -d /usr/lib/postgresql/*/bin/initdb | head -1)"
else
  missing+=(postgresql)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: ${missing[*]}. Installing needs root: run 'sudo apt-get update && sudo apt-get install -y ${missing[*]}'." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
# Debian's package starts a cluster of its own; the tests never use it.
if command -v pg_ctlcluster >/dev/null && compgen -G '/etc/postgresql/*/main' >/dev/null; then
  for conf in /etc/postgresql/*/main; do
    version=$(basename "$(dirname "$conf")")
    pg_ctlcluster "$version" main stop 2>/dev/null || true
  done
fi
echo "Installed: ${missing[*]}"
