#!/usr/bin/env bash
# Installs Azurite (the Azure Storage emulator pinned in infra/azurite) and starts it on 127.0.0.1: blob 10000, queue
# 10001, table 10002, in memory. Leaves an Azurite that is already listening alone. Writes the pid of what it started
# to $RG_SERVICES_DIR/azurite.pid so the test script can stop it.
set -euo pipefail
infra="$(cd "$(dirname "$0")/.." && pwd)"
state="${RG_SERVICES_DIR:-$infra/../artifacts/services}"
mkdir -p "$state"

listening() { (echo > /dev/tcp/127.0.0.1/10000) 2>/dev/null; }

if ! command -v npm > /dev/null; then
  echo "Azurite: installing Node.js and npm from Debian's packages"
  apt-get update -qq && apt-get install -y -qq nodejs npm > /dev/null
fi

cd "$infra/azurite"
if [ ! -x node_modules/.bin/azurite ]; then
  echo "Azurite: installing (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Installed even when another Azurite already listens: the tests that need an Azurite of their own start this one.
if listening; then
  echo "Azurite: already listening on 127.0.0.1:10000"
  exit 0
fi

# --skipApiVersionCheck: Azure.Storage.Blobs 12.30 sends a newer API version than Azurite 3.37 knows.
# --disableTelemetry: by default Azurite reports every request to Microsoft's Application Insights, which we
# never configured; the reporting alone costs it about a third of its CPU per append.
# --*KeepAliveTimeout 300: Azurite closes a connection idle for 5 s, while .NET's pool keeps one for a minute, so under
# a steady load a client's connections were closed under it and opened again all along (the three-silo kill test: 69 to
# 137 in TIME-WAIT over the load before the kill, against none of the silos' now), each reopening a handshake on a
# machine already short of CPU. Now the client always closes first.
nohup setsid node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry \
  --blobKeepAliveTimeout 300 --queueKeepAliveTimeout 300 --tableKeepAliveTimeout 300 \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > "$state/azurite.log" 2>&1 &
echo $! > "$state/azurite.pid"

for _ in $(seq 1 60); do
  if listening; then
    echo "Azurite: started on 127.0.0.1:10000"
    exit 0
  fi
  sleep 1
done
echo "Azurite did not start within 60 s; see $state/azurite.log"
exit 1
