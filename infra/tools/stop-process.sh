#!/usr/bin/env bash
# Stops the process whose pid a service script wrote, with the process group it leads (the scripts start each
# service under setsid, so a broker's children go with it): SIGTERM, then SIGKILL if anything is still there after
# 15 s (Azurite ignores SIGTERM). Removes the pid file once all are gone; exits 1 if they could not be stopped.
#   infra/tools/stop-process.sh artifacts/services/azurite.pid
set -uo pipefail
pidfile="$1"
pid=$(cat "$pidfile" 2> /dev/null) || exit 0
alive() { kill -0 "$pid" 2> /dev/null || kill -0 -- "-$pid" 2> /dev/null; }
signal() { kill "-$1" -- "-$pid" 2> /dev/null || kill "-$1" "$pid" 2> /dev/null; }

if alive; then
  signal TERM
  for _ in $(seq 1 30); do alive || break; sleep 0.5; done
  if alive; then
    echo "$(basename "$pidfile" .pid) (pid $pid) ignored SIGTERM for 15 s; sending SIGKILL"
    signal KILL
    for _ in $(seq 1 20); do alive || break; sleep 0.5; done
  fi
fi

if alive; then
  echo "$(basename "$pidfile" .pid) (pid $pid) is still running"
  exit 1
fi
rm -f "$pidfile"
