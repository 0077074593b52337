#!/usr/bin/env bash
# Refreshes the published contract after an API change: writes docs/openapi/v1.json from what the silo serves (the
# contract test does it with RG_WRITE_OPENAPI=1), lints it with Spectral and regenerates the Kiota client in
# tests/RelationshipGrains.ApiClient from it. Commit all three together.
set -euo pipefail
cd "$(dirname "$0")/../.."

dotnet build tests/RelationshipGrains.Tests --nologo -v quiet
RG_WRITE_OPENAPI=1 dotnet test tests/RelationshipGrains.Tests --no-build --nologo \
  --filter "FullyQualifiedName~Publishing_the_contract.The_checked_in_document_is_the_one_the_silo_serves"

(cd infra/tools/spectral && npm ci --no-audit --no-fund)
infra/tools/spectral/node_modules/.bin/spectral lint docs/openapi/v1.json --ruleset infra/tools/spectral/.spectral.yaml --fail-severity hint

dotnet tool restore
# Kiota checks GitHub for a newer version unless it is told it works offline.
KIOTA_OFFLINE_ENABLED=true dotnet tool run kiota generate --language CSharp --openapi docs/openapi/v1.json \
  --output tests/RelationshipGrains.ApiClient/Generated --class-name RelationshipGrainsApiClient \
  --namespace-name RelationshipGrains.ApiClient --exclude-backward-compatible --clean-output --log-level Warning
echo "docs/openapi/v1.json and tests/RelationshipGrains.ApiClient/Generated are up to date."
