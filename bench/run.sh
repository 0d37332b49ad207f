#!/usr/bin/env bash
# Builds in Release and runs a benchmark: bench/run.sh indexer [history-days] | api [years] | backfill [history-days] | kills [count] | reorgs [from] [to] | stream [subscribers] | users [count] [browsers] [seconds-on-a-page] | alerts [epochs]
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
ensure_tools
ensure_npm_packages
ensure_debian_packages "wrk:wrk"
CONFIGURATION=Release build_solution
# The reliability runs are the suite's own tests run longer: a larger count through an environment variable, in Release.
suite_run() { # project, test filter
  exec dotnet test "$ROOT/tests/$1" -c Release --no-build --filter "FullyQualifiedName~$2" --logger "console;verbosity=detailed"
}
case "${1:-}" in
  # The server SIGKILLed at random moments of a backfill and restarted each time: kills mid-backfill, tables differing.
  kills) export DASHBOARD_KILLS="${2:-50}"; suite_run Dashboard.Server.Tests Indexer_killed_at_random_moments ;;
  # Reorgs of every depth on L1 and L2, one after another, each compared row for row with a clean index.
  reorgs) export DASHBOARD_REORG_DEPTHS="${2:-1}-${3:-64}"; suite_run Dashboard.Server.Tests ReorgDepthTests ;;
  # Subscribers on /api/stream while 20 new L2 blocks are indexed: announcements lost, delivery p50/p95.
  stream) export DASHBOARD_SSE_SUBSCRIBERS="${2:-1000}"; suite_run Dashboard.Server.Tests Every_stream_subscriber ;;
  # Outages over many epochs, each alerted by webhook: recommit indexed → alert received, p50/p95.
  alerts) export DASHBOARD_ALERT_EPOCHS="${2:-60}"; suite_run Dashboard.Server.Tests Outages_indexed_from_the_chain ;;
  # People browsing the main pages at once, each with a live circuit (Blazor's protocol, plus a few real Chromium
  # visitors), reading each page 5-15 s: page time p50/p95, pages a second, web CPU per page, memory per circuit.
  users) export DASHBOARD_LOAD_USERS="${2:-200}" DASHBOARD_LOAD_BROWSERS="${3:-2}" DASHBOARD_LOAD_PAUSE="${4:-5-15}"; suite_run Dashboard.E2E.Tests LoadTests ;;
esac
exec dotnet "$ROOT/bench/Dashboard.Bench/bin/Release/net10.0/Dashboard.Bench.dll" "$@"
