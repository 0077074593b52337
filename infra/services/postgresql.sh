#!/usr/bin/env bash
# Makes sure PostgreSQL 15's server binaries are installed (Debian's packages). The benchmark starts and stops its
# own throw-away server on a loopback port, so nothing is started here.
set -euo pipefail
if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  echo "PostgreSQL 15: installed"
  exit 0
fi
echo "PostgreSQL 15: installing from Debian's packages"
apt-get update -qq && apt-get install -y -qq postgresql-15 > /dev/null
