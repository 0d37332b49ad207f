# Shared by scripts/start.sh and scripts/test.sh: install what is missing, build once.
# Sourced, not run. Every step says what it does; nothing here needs a human at the keyboard.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nerror: %s\n' "$*" >&2; exit 1; }

# Installs Debian packages whose command is missing. Needs root (or sudo without a password).
ensure_debian_packages() {
  local missing=() pkg check
  for spec in "$@"; do
    pkg="${spec%%:*}"; check="${spec#*:}"
    [ -e "$check" ] || command -v "$check" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "Installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n" \
      || fail "need root to install ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' once, then run this again."
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || fail "apt-get update failed (no access to Debian's package servers?)"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed"
}

ensure_tools() {
  command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not on PATH; install .NET SDK 10 first."
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || fail "Node.js and npm are needed (for anvil and solc-js)."
  # The PostgreSQL server binaries; not needed when ConnectionStrings__Dashboard points at an existing server.
  if [ -z "${ConnectionStrings__Dashboard:-}" ] || [ "${NEED_POSTGRES:-}" = 1 ]; then
    ensure_debian_packages "postgresql:/usr/lib/postgresql"
  fi
}

ensure_npm_packages() {
  if [ ! -x "$ROOT/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" ] || [ ! -d "$ROOT/node_modules/solc" ] || [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ] \
     || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    step "Installing npm packages (anvil, solc-js, axe-core for the accessibility tests)"
    # npm install, not npm ci: the lock file (npm 11) omits the other platforms' optional anvil binaries, which npm ci rejects.
    (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error) || fail "npm install failed"
  fi
}

build_solution() {
  step "Building ($CONFIGURATION)"
  (cd "$ROOT" && dotnet build Dashboard.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly -v:quiet) || fail "the build failed (see the errors above)"
}
