#!/usr/bin/env bash
# Installs what Gavel's browser tests drive: Debian's Chromium. Never a browser download.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "Chromium is already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing and installing it needs root: run 'sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core'." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
echo "Installed $(/usr/bin/chromium --version)"
