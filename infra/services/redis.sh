#!/usr/bin/env bash
# Redis 7 from Debian's packages, run as a plain process on 127.0.0.1:6379 (no systemd, nothing saved to disk):
# cluster membership and reminders for the multi-silo tests. Leaves a Redis that is already listening alone.
# Writes the pid of what it started to $RG_SERVICES_DIR/redis.pid so the test script can stop it.
set -euo pipefail
infra="$(cd "$(dirname "$0")/.." && pwd)"
state="${RG_SERVICES_DIR:-$infra/../artifacts/services}"
mkdir -p "$state"

listening() { (echo > /dev/tcp/127.0.0.1/6379) 2>/dev/null; }
if listening; then
  echo "Redis: already listening on 127.0.0.1:6379"
  exit 0
fi

if ! command -v redis-server > /dev/null; then
  echo "Redis: installing from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server > /dev/null
  pkill -x redis-server 2> /dev/null || true
fi

nohup redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --protected-mode yes \
  --dir "$state" --logfile "$state/redis.log" > /dev/null 2>&1 &
echo $! > "$state/redis.pid"

for _ in $(seq 1 30); do
  if listening && redis-cli -h 127.0.0.1 -p 6379 ping 2> /dev/null | grep -q PONG; then
    echo "Redis: started on 127.0.0.1:6379"
    exit 0
  fi
  sleep 1
done
echo "Redis did not start within 30 s; see $state/redis.log"
exit 1
