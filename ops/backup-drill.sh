#!/usr/bin/env bash
# Backup drill (docs/operations.md, "Backups"): makes a node with data on PostgreSQL and on SQLite, backs each up with
# its key ring (pg_dump, SQLite's online backup API), restores the copies into scratch databases and smoke-checks them:
# a staff sign-in, a passport found and decrypted with the restored key ring, the whole audit trail present.
# Needs the built app (dotnet build), $CARAVAN_TEST_POSTGRES (a server where it may create databases) and $PGBIN
# (pg_dump, pg_restore, psql); ./test.sh provides all three. Exits non-zero when any step or check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DLL="$ROOT/src/Caravan.Web/bin/Debug/net10.0/Caravan.Web.dll"
: "${CARAVAN_TEST_POSTGRES:?set CARAVAN_TEST_POSTGRES to a PostgreSQL connection string (./test.sh does)}"
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$DLL" ] || [ -f "$DLL" ] || { echo "Build first: dotnet build Caravan.sln ($DLL is missing)" >&2; exit 1; }
[ -x "$PGBIN/pg_dump" ] || { echo "pg_dump not found under PGBIN=$PGBIN" >&2; exit 1; }

WORK=$(mktemp -d /tmp/caravan-drill.XXXXXX)
STAFF=officer@demo.caravan.example
PASSWORD=Demo-Caravan-2026!
DOCUMENT="AB 123-4567"
started=$SECONDS

# Connection settings from the ADO.NET string, for the PostgreSQL tools.
setting() { tr ';' '\n' <<<"$CARAVAN_TEST_POSTGRES" | sed -n "s/^[[:space:]]*\($1\)[[:space:]]*=//Ip" | head -1; }
export PGHOST=$(setting Host) PGPORT=$(setting Port) PGUSER=$(setting 'User[[:space:]]*Id\|Username\|User')
PGPASSWORD_VALUE=$(setting Password); [ -z "$PGPASSWORD_VALUE" ] || export PGPASSWORD=$PGPASSWORD_VALUE
PGPORT=${PGPORT:-5432}
SOURCE_DB=caravan_drill_$$
RESTORED_DB=caravan_drill_${$}_restored
with_database() { sed -E "s/(^|;)[[:space:]]*Database[[:space:]]*=[^;]*//I" <<<"$CARAVAN_TEST_POSTGRES" | sed "s/^;*//;s/;*\$/;Database=$1/"; }

cleanup() {
  "$PGBIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS $SOURCE_DB WITH (FORCE)" -c "DROP DATABASE IF EXISTS $RESTORED_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf -- '-- %s (%ds)\n' "$*" $((SECONDS - started)); }

# The app as an operator runs it: the published build, no demo shortcuts beyond the demo data itself, JSON logs quiet.
node() {
  local keys=$1 provider=$2 connection=$3; shift 3
  ASPNETCORE_ENVIRONMENT=Staging Jobs__Enabled=false Logging__LogLevel__Default=Warning \
    DataProtection__KeysPath="$keys" Documents__Path="$WORK/documents" \
    Database__Provider="$provider" ConnectionStrings__Caravan="$connection" \
    dotnet "$DLL" --contentRoot "$ROOT/src/Caravan.Web" "$@"
}

# A registry extract with one passport, loaded the way a ministry loads one.
cat >"$WORK/persons.csv" <<CSV
family_name,given_name,birth_date,sex,citizenship,region,document_number
Tursunova,Malika,1995-02-11,F,UZ,UZ-SA,$DOCUMENT
Ergashev,Jasur,1989-10-30,M,UZ,UZ-TO,AC7654321
CSV

audit_count_pg() { "$PGBIN/psql" -qtA -d "$1" -c "SELECT count(*) FROM audit_entry"; }

# --- PostgreSQL: pg_dump / pg_restore ---------------------------------------------------------------
step "PostgreSQL: a node with demo data and an imported registry"
source_cs=$(with_database "$SOURCE_DB")
Demo__Enabled=true node "$WORK/pg-keys" Postgres "$source_cs" migrate >"$WORK/pg-migrate.log" 2>&1 || { cat "$WORK/pg-migrate.log" >&2; exit 1; }
node "$WORK/pg-keys" Postgres "$source_cs" import-persons "$WORK/persons.csv" | tail -1

step "PostgreSQL: back up the database (pg_dump -Fc) and the key ring (tar)"
"$PGBIN/pg_dump" -Fc -d "$SOURCE_DB" -f "$WORK/pg.dump"
tar -C "$WORK" -czf "$WORK/pg-keys.tar.gz" pg-keys
expected=$(audit_count_pg "$SOURCE_DB")

step "PostgreSQL: restore into a scratch database and a fresh key ring folder"
"$PGBIN/psql" -q -d postgres -c "CREATE DATABASE $RESTORED_DB" >/dev/null
"$PGBIN/pg_restore" --no-owner --exit-on-error -d "$RESTORED_DB" "$WORK/pg.dump"
mkdir -p "$WORK/pg-restore" && tar -C "$WORK/pg-restore" -xzf "$WORK/pg-keys.tar.gz"

step "PostgreSQL: smoke check of the restored node"
node "$WORK/pg-restore/pg-keys" Postgres "$(with_database "$RESTORED_DB")" smoke-check \
  --staff "$STAFF" --password "$PASSWORD" --document "$DOCUMENT" --audit-entries "$expected"

# --- SQLite: the online backup API ------------------------------------------------------------------
step "SQLite: a node with demo data and an imported registry"
sqlite_cs="Data Source=$WORK/node.db"
Demo__Enabled=true node "$WORK/sqlite-keys" Sqlite "$sqlite_cs" migrate >"$WORK/sqlite-migrate.log" 2>&1 || { cat "$WORK/sqlite-migrate.log" >&2; exit 1; }
Database__MigrateOnStart=false node "$WORK/sqlite-keys" Sqlite "$sqlite_cs" import-persons "$WORK/persons.csv" | tail -1

step "SQLite: online backup of the database (backup-sqlite) and the key ring (tar)"
node "$WORK/sqlite-keys" Sqlite "$sqlite_cs" backup-sqlite "$WORK/backup/node.db"
tar -C "$WORK" -czf "$WORK/sqlite-keys.tar.gz" sqlite-keys
expected=$(Database__MigrateOnStart=false node "$WORK/sqlite-keys" Sqlite "$sqlite_cs" smoke-check --staff "$STAFF" --password "$PASSWORD" --document "$DOCUMENT" \
  | sed -n 's/.*audit trail: \([0-9,]*\) entries.*/\1/p' | tr -d ,)

step "SQLite: restore the copy and the key ring elsewhere, then smoke check"
mkdir -p "$WORK/sqlite-restore" && tar -C "$WORK/sqlite-restore" -xzf "$WORK/sqlite-keys.tar.gz"
cp "$WORK/backup/node.db" "$WORK/sqlite-restore/node.db"
Database__MigrateOnStart=false node "$WORK/sqlite-restore/sqlite-keys" Sqlite "Data Source=$WORK/sqlite-restore/node.db" smoke-check \
  --staff "$STAFF" --password "$PASSWORD" --document "$DOCUMENT" --audit-entries "$expected"

step "backup drill passed"
