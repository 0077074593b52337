#!/usr/bin/env bash
# Stops every service whose pid file a service script wrote into a folder (infra/services/*.sh, $RG_SERVICES_DIR),
# each with infra/tools/stop-process.sh, the Erlang port mapper (epmd) last: stopped while the broker still ran, it
# was started again by the broker's epmd monitor (its log: "epmd does not know us, re-registering"), and that epmd
# outlived the test run.
# Exits 1, naming them, if any of them, or an epmd started again after all, is still running.
#   infra/tools/stop-services.sh artifacts/services
set -uo pipefail
dir="$1"
tools="$(cd "$(dirname "$0")" && pwd)"
survivors=""
stop() { bash "$tools/stop-process.sh" "$1" || survivors="$survivors $(basename "$1" .pid)"; }

epmd_ours=no
for pidfile in "$dir"/*.pid; do
  [ -e "$pidfile" ] || continue
  case "$pidfile" in *-epmd.pid) epmd_ours=yes ;; *) stop "$pidfile" ;; esac
done
for pidfile in "$dir"/*-epmd.pid; do
  [ -e "$pidfile" ] && stop "$pidfile"
done
if [ "$epmd_ours" = yes ] && pgrep -x epmd > /dev/null; then
  survivors="$survivors epmd (started again as it was stopped)"
fi
if [ -n "$survivors" ]; then
  echo "Services still running after they were stopped:$survivors"
  exit 1
fi
