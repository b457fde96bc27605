#!/usr/bin/env bash
# Checks schemas/receiving-api-1.0.openapi.json with openapi-spec-validator (OpenAPI 3.1
# rules, and every $ref resolved, including the two document schemas beside it).
# That the file equals what the model generates is tests/generated.rs's job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh python >/dev/null
file=schemas/receiving-api-1.0.openapi.json
tools/.venv/bin/openapi-spec-validator "$file"
