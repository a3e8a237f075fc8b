#!/usr/bin/env bash
# The one test command: format check, migration checks, the dependency audit, unit, integration (SQLite + PostgreSQL)
# and browser tests, then the backup drill (ops/backup-drill.sh).
# It installs what is missing (as root), starts a throwaway PostgreSQL on a free loopback port and always stops it.
# Its last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Every test host would otherwise watch its appsettings files for changes, one inotify instance each; the Web tests
# start enough hosts to reach a machine's limit (128 by default) and fail at random late in the run. No test reloads
# configuration from files.
export DOTNET_hostBuilder__reloadConfigOnChange=false
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

log() { printf '\n== %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------------
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
missing=()
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

# --- 2. Throwaway PostgreSQL ---------------------------------------------------------------------
PGBIN=$(pg_bin)
PGTMP=$(mktemp -d /tmp/caravan-pg.XXXXXX)
PGUSER_OS=$(id -un)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then PGUSER_OS=postgres; chown postgres: "$PGTMP"; fi
stop_pg() {
  if [ -f "$PGTMP/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PGTMP"
}
trap stop_pg EXIT INT TERM

port=54329
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
log "starting PostgreSQL on 127.0.0.1:$port"
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 \
  -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export CARAVAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20"

# --- 3. Build and static checks ------------------------------------------------------------------
log "restore and build"
dotnet tool restore >/dev/null
dotnet restore Caravan.sln --locked-mode >/dev/null
dotnet build Caravan.sln --no-restore -c Debug -v quiet -nologo -clp:ErrorsOnly

failed_checks=0
log "dotnet format --verify-no-changes"
if ! dotnet format Caravan.sln --verify-no-changes --no-restore -v quiet; then
  echo "Formatting differs: run 'dotnet format Caravan.sln'." >&2
  failed_checks=$((failed_checks + 1))
fi
for provider in Sqlite Postgres; do
  log "pending model changes ($provider)"
  if ! dotnet ef migrations has-pending-model-changes --no-build \
      --project "src/Caravan.Migrations.$provider" --startup-project "src/Caravan.Migrations.$provider" >/dev/null; then
    echo "The model has changes with no $provider migration: add one with dotnet ef migrations add." >&2
    failed_checks=$((failed_checks + 1))
  fi
done

log "dependency audit (tools/dependency-audit.py)"
if ! python3 tools/dependency-audit.py "$ROOT/artifacts/dependency-audit"; then
  echo "A high or critical advisory is not accepted in docs/security.md (\"Accepted advisories\"): update the package, or list the advisory there with its reason." >&2
  failed_checks=$((failed_checks + 1))
fi

# --- 4. Tests ------------------------------------------------------------------------------------
status=0
for project in tests/Caravan.Core.Tests tests/Caravan.Web.Tests tests/Caravan.BrowserTests; do
  [ -d "$project" ] || continue
  name=$(basename "$project")
  log "$name"
  if ! dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$RESULTS" -- xUnit.MaxParallelThreads=2; then
    status=1
  fi
done

# --- 5. Backup drill -----------------------------------------------------------------------------
log "backup drill (ops/backup-drill.sh)"
if ! PGBIN="$PGBIN" ops/backup-drill.sh; then
  echo "The backup drill failed: a backed-up node did not restore and pass its smoke check." >&2
  failed_checks=$((failed_checks + 1))
fi

# --- 6. Summary ----------------------------------------------------------------------------------
passed=0; failed=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
failed=$((failed + failed_checks))
if [ "$passed" -eq 0 ]; then status=1; fi
[ "$failed" -eq 0 ] || status=1
echo
echo "$passed passed, $failed failed"
exit $status
