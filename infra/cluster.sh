#!/usr/bin/env bash
# A production cluster on this machine without Docker, set up the way the silo kill test sets up its own: Azurite
# (tables for membership and reminders, blobs for state) and RabbitMQ as local processes, certificates of a
# throw-away authority for mutual TLS, and N silo processes in the Production profile on 127.0.0.1.
#   infra/cluster.sh start [N]   publish the silo, start the services (if not running) and N silos (default 3)
#   infra/cluster.sh add         start one more silo (scale out)
#   infra/cluster.sh stop        SIGTERM every silo this script started (SIGKILL after 45 s), then the services it started
#   infra/cluster.sh status      which silos run, and each one's /health/ready
# Silo i answers HTTP on 127.0.0.1:(5080+i), its silo port is 11110+i and its gateway 30000+i; logs, pids and
# certificates are under artifacts/cluster/. The operator key is printed by "start".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="$root/artifacts/cluster"
export RG_SERVICES_DIR="$state/services"
key="local-cluster-operator-key-0123456789abcdef"
pseudonym_secret="local-cluster-pseudonym-secret-0123456789abcdef"
dll="$state/silo/RelationshipGrains.Silo.dll"

silo_env() {
  local i="$1"
  cat << SETTINGS
Silo__Profile=Production
Silo__Name=silo-$i
Silo__ClusterId=local
Silo__ServiceId=relationship-grains
Silo__AdvertisedAddress=127.0.0.1
Silo__SiloPort=$((11110 + i))
Silo__GatewayPort=$((30000 + i))
Silo__Tls__CertificateFile=$state/certificates/silo.crt
Silo__Tls__KeyFile=$state/certificates/silo.key
Silo__Tls__CaFile=$state/certificates/ca.crt
Urls=http://127.0.0.1:$((5080 + i))
Storage__Provider=AzureBlob
Storage__AzureBlob__ConnectionString=UseDevelopmentStorage=true
Messaging__Transport=RabbitMq
Messaging__RabbitMq__Host=127.0.0.1
Messaging__RabbitMq__Username=guest
Messaging__RabbitMq__Password=guest
Http__TlsTermination=Proxy
Auth__Keys__0__Name=local operator
Auth__Keys__0__Role=operator
Auth__Keys__0__Key=$key
Privacy__PseudonymSecret=$pseudonym_secret
DOTNET_ENVIRONMENT=Production
ASPNETCORE_ENVIRONMENT=Production
SETTINGS
}

start_silo() {
  local i="$1"
  local -a settings
  mapfile -t settings < <(silo_env "$i")
  # The published dll, not "dotnet run": the pid written is the silo's own, and the environment is Production.
  # Appended: a silo started again in a slot keeps the log of the one before it.
  echo "--- silo-$i starting $(date -u +%FT%TZ) ---" >> "$state/silo-$i.log"
  env "${settings[@]}" setsid dotnet "$dll" >> "$state/silo-$i.log" 2>&1 &
  echo $! > "$state/silo-$i.pid"
  for _ in $(seq 1 90); do
    if curl -fs "http://127.0.0.1:$((5080 + i))/health/ready" > /dev/null 2>&1; then
      echo "silo-$i: ready on http://127.0.0.1:$((5080 + i)) (gateway 127.0.0.1:$((30000 + i)))"
      return 0
    fi
    if ! kill -0 "$(cat "$state/silo-$i.pid")" 2> /dev/null; then
      echo "silo-$i exited; its log:"
      tail -20 "$state/silo-$i.log"
      rm -f "$state/silo-$i.pid"
      return 1
    fi
    sleep 1
  done
  echo "silo-$i was not ready within 90 s; see $state/silo-$i.log"
  return 1
}

# Whether a pid file names a silo this script started that still runs: a silo that died (or was stopped by hand)
# leaves its pid file, and its pid may since belong to another process, which is never ours to signal.
running() {
  local pid
  pid=$(cat "$1" 2> /dev/null) || return 1
  kill -0 "$pid" 2> /dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -qF "$dll"
}

# The first slot with no running silo; a stale pid file there is removed.
next_index() {
  local i=1
  while [ -e "$state/silo-$i.pid" ]; do
    if ! running "$state/silo-$i.pid"; then
      rm -f "$state/silo-$i.pid"
      break
    fi
    i=$((i + 1))
  done
  echo "$i"
}

case "${1:-}" in
  start)
    count="${2:-3}"
    mkdir -p "$state" "$RG_SERVICES_DIR"
    bash "$root/infra/tools/publish-silo.sh" "$state/silo" > "$state/build.log" || { cat "$state/build.log"; exit 1; }
    bash "$root/infra/services/azurite.sh"
    bash "$root/infra/services/rabbitmq.sh"
    sh "$root/infra/tools/cluster-certificates.sh" "$state/certificates" silo channel-app > /dev/null
    for _ in $(seq 1 "$count"); do start_silo "$(next_index)"; done
    echo "Operator key: $key"
    echo "  curl -H 'Authorization: Bearer $key' http://127.0.0.1:5081/api/v1/operations/cluster"
    echo "Grain clients: RelationshipGrains__Client__ClusteringConnectionString=UseDevelopmentStorage=true, __ClusterId=local,"
    echo "  __Tls__CertificateFile, __KeyFile, __CaFile: channel-app.crt, channel-app.key, ca.crt in $state/certificates"
    ;;
  add)
    mkdir -p "$state"
    start_silo "$(next_index)"
    ;;
  stop)
    failed=0
    for pidfile in "$state"/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      if ! running "$pidfile"; then
        rm -f "$pidfile"
        echo "$(basename "$pidfile" .pid): was not running"
        continue
      fi
      pid=$(cat "$pidfile")
      kill -TERM "$pid" 2> /dev/null || true
      for _ in $(seq 1 90); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2> /dev/null; then
        echo "$(basename "$pidfile" .pid) did not drain within 45 s; SIGKILL"
        kill -KILL "$pid" 2> /dev/null || true
      fi
      rm -f "$pidfile"
      echo "$(basename "$pidfile" .pid): stopped"
    done
    bash "$root/infra/tools/stop-services.sh" "$RG_SERVICES_DIR" || failed=1
    exit "$failed"
    ;;
  status)
    for pidfile in "$state"/silo-*.pid; do
      [ -e "$pidfile" ] || continue
      name=$(basename "$pidfile" .pid)
      i=${name#silo-}
      if running "$pidfile"; then
        echo "$name: $(curl -s "http://127.0.0.1:$((5080 + i))/health/ready" || echo 'not answering')"
      else
        rm -f "$pidfile"
        echo "$name: not running (its slot is free for the next add)"
      fi
    done
    ;;
  *)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
