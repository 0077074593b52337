#!/usr/bin/env bash
# Runs every test in the solution and ends with one plain line: "N passed, N failed".
# The services the integration tests need (Azurite, ...) are started by infra/services/*.sh first, and the
# browser tests' Chromium is installed by infra/tools/chromium.sh when missing.
set -uo pipefail
cd "$(dirname "$0")/.."

results="${TEST_RESULTS_DIR:-artifacts/test-results}"
rm -rf "$results"
mkdir -p "$results"

# Services started here are stopped when the tests end; ones already running are left alone.
export RG_SERVICES_DIR="$PWD/artifacts/services"
mkdir -p "$RG_SERVICES_DIR"
# SIGTERM first, then SIGKILL after 15 s (Azurite ignores SIGTERM); only pids these scripts wrote, never a name match.
# A service still alive after that fails the run: nothing the tests started may outlive them.
stop_services() { bash infra/tools/stop-services.sh "$RG_SERVICES_DIR"; }
trap 'stop_services || true' EXIT

bash infra/tools/chromium.sh || { echo "Could not install Chromium for the browser tests"; echo "0 passed, 1 failed"; exit 1; }

# Spectral lints the OpenAPI document in the contract tests; install scripts stay off (see its .npmrc).
(cd infra/tools/spectral && npm ci --no-audit --no-fund --loglevel=error) || { echo "Could not install Spectral for the contract tests"; echo "0 passed, 1 failed"; exit 1; }

for service in infra/services/*.sh; do
  [ -e "$service" ] || continue
  echo "Starting service: $service"
  bash "$service" || { echo "Could not start $service"; echo "0 passed, 1 failed"; exit 1; }
done

# The tests that start silo processes (the kill test, restarts, the browser tests) run the silo as it ships.
echo "Publishing the silo (Release, ReadyToRun) to artifacts/silo"
bash infra/tools/publish-silo.sh || { echo "Could not publish the silo"; echo "0 passed, 1 failed"; exit 1; }
export RG_SILO_ASSEMBLY="$PWD/artifacts/silo/RelationshipGrains.Silo.dll"

rm -rf artifacts/reports artifacts/screenshots
dotnet test RelationshipGrains.sln --nologo --blame-hang-timeout 5m --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?

# Figures tests report beside their results (recovery time of the silo kill test, ...).
for report in artifacts/reports/*.txt; do
  [ -e "$report" ] && cat "$report"
done

# The browser tests' screenshots of each console view.
for screenshot in artifacts/screenshots/*.png; do
  [ -e "$screenshot" ] && echo "Screenshot: $screenshot"
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  for attr in passed failed error timeout aborted; do
    value=$(echo "$counters" | grep -o " $attr=\"[0-9]*\"" | grep -o '[0-9]*' || true)
    value=${value:-0}
    if [ "$attr" = passed ]; then passed=$((passed + value)); else failed=$((failed + value)); fi
  done
done

# Each failed test again by name, next to the summary, so a long log's tail says what failed.
list_failures() {
  local trx
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    python3 - "$trx" <<'PY' || grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" || true
import sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
for result in ET.parse(sys.argv[1]).getroot().iter(ns + "UnitTestResult"):
    if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
        continue
    message = result.findtext(f"{ns}Output/{ns}ErrorInfo/{ns}Message") or ""
    print(f"FAILED {result.get('testName')} ({result.get('duration')})")
    for line in message.strip().splitlines()[:12]:
        print(f"    {line}")
PY
  done
}

# The benchmark's quick mode runs once so it never rots; it asserts nothing about speed, only that every scenario runs.
echo "Benchmarks (quick mode):"
if dotnet run -c Release --project tests/RelationshipGrains.Benchmarks -- all --quick --json artifacts/benchmarks/quick.json; then
  passed=$((passed + 1))
else
  echo "The benchmark's quick mode failed."
  failed=$((failed + 1))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any result was written.
  failed=1
fi

if ! stop_services; then
  failed=$((failed + 1))
fi

list_failures
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
