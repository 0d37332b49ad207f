#!/usr/bin/env bash
# Builds in Release and runs a benchmark: bench/run.sh indexer [history-days] | api [years] | backfill [history-days] | kills [count] | reorgs [from] [to] | stream [subscribers] | users [count]
set -euo pipefail
source "$(dirname "$0")/../scripts/common.sh"
ensure_tools
ensure_npm_packages
ensure_debian_packages "wrk:wrk"
CONFIGURATION=Release build_solution
if [ "${1:-}" = kills ]; then
  # The server SIGKILLed at ${2:-50} random moments of a backfill and restarted each time; prints how many kills landed
  # mid-backfill and how many tables differ from an uninterrupted run (the suite runs the same test with 4 kills).
  export DASHBOARD_KILLS="${2:-50}"
  exec dotnet test "$ROOT/tests/Dashboard.Server.Tests" -c Release --no-build --filter "FullyQualifiedName~Indexer_killed_at_random_moments" --logger "console;verbosity=detailed"
fi
if [ "${1:-}" = reorgs ]; then
  # Reorgs of every depth from ${2:-1} to ${3:-64} blocks on L1 and L2, one after another, each compared row for row with
  # a clean index of the final chains (the suite runs depths 1, 7 and 64).
  export DASHBOARD_REORG_DEPTHS="${2:-1}-${3:-64}"
  exec dotnet test "$ROOT/tests/Dashboard.Server.Tests" -c Release --no-build --filter "FullyQualifiedName~ReorgDepthTests" --logger "console;verbosity=detailed"
fi
if [ "${1:-}" = stream ]; then
  # ${2:-1000} subscribers on /api/stream while 20 new L2 blocks are indexed: announcements lost, delivery p50/p95.
  export DASHBOARD_SSE_SUBSCRIBERS="${2:-1000}"
  exec dotnet test "$ROOT/tests/Dashboard.Server.Tests" -c Release --no-build --filter "FullyQualifiedName~Every_stream_subscriber" --logger "console;verbosity=detailed"
fi
if [ "${1:-}" = users ]; then
  # ${2:-200} people browsing the main pages at once, each with a live circuit: page time p50/p95, memory per circuit.
  export DASHBOARD_LOAD_USERS="${2:-200}"
  exec dotnet test "$ROOT/tests/Dashboard.E2E.Tests" -c Release --no-build --filter "FullyQualifiedName~LoadTests" --logger "console;verbosity=detailed"
fi
exec dotnet "$ROOT/bench/Dashboard.Bench/bin/Release/net10.0/Dashboard.Bench.dll" "$@"
