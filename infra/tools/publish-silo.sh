#!/usr/bin/env bash
# Publishes the silo as it ships (Release, compiled ahead of time with ReadyToRun, as infra/docker/Dockerfile does)
# into artifacts/silo, or the folder given. infra/test.sh runs the process tests on it and infra/cluster.sh its silos.
#   infra/tools/publish-silo.sh [folder]
# ReadyToRun matters under load: a silo started from the plain build compiles every method of Orleans, MassTransit and
# the Azure SDK as it first runs, and three of them starting at once on two cores left the kill test's storage
# emulator waiting for CPU.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/artifacts/silo}"
dotnet publish "$root/src/RelationshipGrains.Silo/RelationshipGrains.Silo.csproj" -c Release --use-current-runtime \
  --self-contained false -p:PublishReadyToRun=true -o "$out" --nologo -v quiet
