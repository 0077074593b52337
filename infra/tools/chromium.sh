#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing. Playwright drives this binary; it never
# downloads a browser of its own.
set -euo pipefail
chromium="${RG_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$chromium" ]; then
  echo "Chromium: $("$chromium" --version 2> /dev/null | head -1)"
  exit 0
fi

echo "Chromium: installing Debian's package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium > /dev/null
echo "Chromium: $("$chromium" --version 2> /dev/null | head -1)"
