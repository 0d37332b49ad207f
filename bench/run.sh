#!/usr/bin/env bash
# Builds in Release and runs a benchmark: bench/run.sh indexer [history-days] | api [years] | backfill [history-days]
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
ensure_tools
ensure_npm_packages
ensure_debian_packages "wrk:wrk"
CONFIGURATION=Release build_solution
exec dotnet "$ROOT/bench/Dashboard.Bench/bin/Release/net10.0/Dashboard.Bench.dll" "$@"
