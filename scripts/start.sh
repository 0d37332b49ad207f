#!/usr/bin/env bash
# Starts the whole dashboard on the embedded defaults and prints the URL:
# its own PostgreSQL cluster in .local/ (unless ConnectionStrings__Dashboard is set), the L1 and L2 devnet
# chains with our contracts and the simulated network, the server (API + indexers) and the web UI.
# Ctrl+C stops everything it started.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ensure_tools
ensure_npm_packages
build_solution

step "Starting"
exec dotnet "$ROOT/src/Dashboard.Devnet/bin/$CONFIGURATION/net10.0/Dashboard.Devnet.dll" up "$@"
