#!/usr/bin/env bash
# Runs every test: unit, integration (real PostgreSQL + real anvil) and browser (real Chromium).
# Ends with one line "tests: N passed, N failed, N skipped" and exits non-zero on any failure or when no test ran.
set -euo pipefail
source "$(dirname "$0")/common.sh"

NEED_POSTGRES=1 ensure_tools
ensure_debian_packages "chromium:/usr/bin/chromium"
ensure_npm_packages
build_solution

results="$ROOT/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# One PostgreSQL cluster for the whole run (each test class makes its own database in it).
pg_pid=""
cleanup() {
  # The launcher stops its postgres by PID and removes the throwaway data folder.
  if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
    kill -TERM "$pg_pid" 2>/dev/null || true
    wait "$pg_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
step "Starting a throwaway PostgreSQL cluster"
pg_info="$results/postgres.env"
dotnet "$ROOT/src/Dashboard.Devnet/bin/$CONFIGURATION/net10.0/Dashboard.Devnet.dll" postgres --throwaway --env-file "$pg_info" \
  > "$results/postgres-launcher.log" 2>&1 &
pg_pid=$!
for _ in $(seq 1 300); do [ -s "$pg_info" ] && break; kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.2; done
[ -s "$pg_info" ] || { cat "$results/postgres-launcher.log" >&2; fail "PostgreSQL did not start"; }
# shellcheck disable=SC1090
source "$pg_info"
export DASHBOARD_TEST_POSTGRES

step "Running tests"
set +e
(cd "$ROOT" && dotnet test Dashboard.sln -c "$CONFIGURATION" --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@")
test_exit=$?
set -e

# Totals over every test project's TRX file; never counted by hand.
read -r total passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    function attr(name,   m) { if (match($0, name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 } return 0 }
    { t += attr("total"); p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted"); s += attr("notExecuted") }
    END { printf "%d %d %d %d\n", t, p, f, s }')
echo
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$test_exit" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
