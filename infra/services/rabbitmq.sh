#!/usr/bin/env bash
# RabbitMQ 3.10 from Debian's packages, run as a plain process on 127.0.0.1:5672 (no systemd), its node, data and
# logs in a folder of this test run. Leaves a broker that is already listening alone. Writes the pid of what it
# started to $RG_SERVICES_DIR/rabbitmq.pid (and epmd's, if it started that too) so the test script can stop them.
#   rabbitmq.sh            install if missing, start, wait for it
#   rabbitmq.sh stop-app   stop the broker inside the running node (the port closes: "the broker is down")
#   rabbitmq.sh start-app  start it again
set -euo pipefail
infra="$(cd "$(dirname "$0")/.." && pwd)"
state="${RG_SERVICES_DIR:-$infra/../artifacts/services}"
mkdir -p "$state"

export RABBITMQ_NODENAME="rg-test@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=5672
export RABBITMQ_DIST_PORT=25672
export ERL_EPMD_ADDRESS=127.0.0.1
# Erlang's distribution port (the node's and each rabbitmqctl's) listens on every interface unless told otherwise.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export RABBITMQ_BASE="$state/rabbitmq"
export RABBITMQ_MNESIA_BASE="$RABBITMQ_BASE/mnesia"
export RABBITMQ_LOG_BASE="$RABBITMQ_BASE/log"
export RABBITMQ_CONFIG_FILE="$RABBITMQ_BASE/rabbitmq"
export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_BASE/enabled_plugins"
export HOME="$RABBITMQ_BASE"
ctl() { /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBITMQ_NODENAME" "$@"; }

# Only a broker this run started can be stopped and restarted: its node lives in $RABBITMQ_BASE.
ours() {
  [ -d "$RABBITMQ_BASE" ] && return
  echo "The RabbitMQ on 127.0.0.1:5672 was not started by this test run (nothing in $RABBITMQ_BASE), so the" \
    "outage test cannot stop and restart it. Stop that broker, or point RG_SERVICES_DIR at the run that started it." >&2
  exit 1
}

case "${1:-start}" in
  stop-app) ours; ctl stop_app > /dev/null; exit 0 ;;
  start-app) ours; ctl start_app > /dev/null; ctl await_startup > /dev/null; exit 0 ;;
esac

listening() { (echo > /dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if listening; then
  echo "RabbitMQ: already listening on 127.0.0.1:5672"
  exit 0
fi

if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  echo "RabbitMQ: installing from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server > /dev/null
  # Without systemd the package starts no broker of its own; should one answer on 5672 now, it is used as found
  # (the check below), never killed: it may not be ours to stop.
fi

if listening; then
  echo "RabbitMQ: a broker installed with the package is listening on 127.0.0.1:5672; using it"
  exit 0
fi

mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
# guest may log in from loopback only, which is all the tests use; keep quiet about disk space on small test disks.
printf 'loopback_users.guest = true\ndisk_free_limit.absolute = 50MB\n' > "$RABBITMQ_CONFIG_FILE.conf"
epmd_was_running=$(pgrep -x epmd > /dev/null && echo yes || echo no)

nohup setsid /usr/lib/rabbitmq/bin/rabbitmq-server > "$state/rabbitmq.log" 2>&1 &
echo $! > "$state/rabbitmq.pid"

# await_startup answers at once with an error until the Erlang node exists, so ask again until the broker is up.
started=no
for _ in $(seq 1 120); do
  if ctl await_startup > /dev/null 2>&1 && listening; then
    started=yes
    break
  fi
  sleep 1
done
if [ "$started" = no ]; then
  echo "RabbitMQ did not start within 120 s; see $state/rabbitmq.log and $RABBITMQ_LOG_BASE"
  exit 1
fi

if [ "$epmd_was_running" = no ] && pgrep -x epmd > /dev/null; then
  pgrep -x epmd > "$state/rabbitmq-epmd.pid"
fi
echo "RabbitMQ: started on 127.0.0.1:5672"
