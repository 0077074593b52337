#!/usr/bin/env bash
# Loads the shipped embedded silo (Release build, durable local-file storage in a throw-away folder) with wrk from
# another process: GET /health/live as the bare endpoint, then POST .../interactions over 10,000 customers, and prints
# both with their ratio. Both are first run for 30 s untimed: the JIT compiles the hot paths by then (measured cold,
# the first 10 s of POSTs ran at a fifth of the later rate) and every customer has had its first interaction, so the
# figures are those of an established, warmed-up silo. Usage: bash infra/tools/wrk.sh [seconds] (default 15).
# Needs Debian's wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

data="$(mktemp -d)"
port=5099
dotnet build -c Release src/RelationshipGrains.Silo -v q --nologo > /dev/null
Storage__Directory="$data" Urls="http://127.0.0.1:$port" Silo__SiloPort=11199 Silo__GatewayPort=30099 \
  RateLimits__Roles__channel__RequestsPerSecond=1000000 RateLimits__Roles__channel__Burst=1000000 Timeline__InteractionsPerMinute=1000000 \
  Logging__LogLevel__Default=Warning \
  dotnet src/RelationshipGrains.Silo/bin/Release/net10.0/RelationshipGrains.Silo.dll > "$data/silo.log" 2>&1 &
silo=$!
trap 'kill "$silo" 2> /dev/null; wait "$silo" 2> /dev/null; rm -rf "$data"' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null && break
  kill -0 "$silo" 2> /dev/null || { echo "The silo exited:"; cat "$data/silo.log"; exit 1; }
  sleep 0.5
done

export RG_KEY=rg-dev-channel-key-not-for-production
rate() { grep 'Requests/sec' | awk '{print $2}'; }
echo "Warming up for 30 s (not measured)..."
RG_RUN="warm-$(date +%s)" wrk -t2 -c32 -d20s -s infra/tools/wrk/record-interaction.lua "http://127.0.0.1:$port" > /dev/null
wrk -t2 -c32 -d10s "http://127.0.0.1:$port/health/live" > /dev/null
echo "GET /health/live (bare endpoint), wrk -t2 -c32 -d${seconds}s:"
live=$(wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port/health/live" | tee /dev/stderr | rate)
echo "POST /api/v1/customers/{id}/interactions over 10,000 customers, wrk -t2 -c32 -d${seconds}s:"
post=$(wrk -t2 -c32 -d"${seconds}s" --latency -s infra/tools/wrk/record-interaction.lua "http://127.0.0.1:$port" | tee /dev/stderr | rate)
awk -v p="$post" -v l="$live" 'BEGIN { printf "POST interactions: %.0f req/s = %.2f of GET /health/live (%.0f req/s)\n", p, p / l, l }'
