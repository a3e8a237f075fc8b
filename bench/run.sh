#!/usr/bin/env bash
# Issue 3 §6 benchmarks: search on PostgreSQL (1,000,000 vacancies) and SQLite (100,000), register lookup,
# and the bulk vacancy API against COPY. Starts a throwaway PostgreSQL like ./test.sh (durable settings,
# unlike the test cluster) and prints Markdown tables; copy them into docs/performance.md.
# Usage: bench/run.sh [search-pg|search-sqlite|lookup|bulk|all]   (default all; about 15 minutes on 2 cores)
#        bench/run.sh dedup [--size N --quality-size N --seed S]   (issue 4 duplicate detection; no database, about 3 minutes)
#        bench/run.sh import-pg|import-sqlite|import [--rows N ...]   (issue 4 registry import against COPY / a bare INSERT loop;
#          import-pg also runs the person search on the 1,000,000 imported persons; about 15 minutes each on 2 cores)
#        bench/run.sh cases [--cases N --teams N --clients N --seconds N]   (issue 5 queue, dashboard and case file on 200,000 cases)
#        bench/run.sh match [--vacancies N --clients N --seconds N]   (issue 15 top-20 matches for a migrant, in process, 1,000,000 vacancies)
#        bench/run.sh exchange [--messages N --clients N --seconds N]   (issue 17 exchange between two nodes in process: 100,000
#          messages, verification round trips and offline checks; about 10 minutes)
#        bench/run.sh statistics-pg|statistics-sqlite [--facts N --new-facts N --clients N --seconds N]   (issue 12 fold, rebuild and API)
#        bench/run.sh load|soak|spike   (issue 18 item 5: capacity, then a 30-minute soak at half of it and/or an 8-minute spike;
#          load is both, about 45 minutes. SOAK_MINUTES, SPIKE_BEFORE_MINUTES, SPIKE_MINUTES, SPIKE_AFTER_MINUTES shorten a
#          trial; report and charts to bench/reports/load-*/)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
what=${1:-all}
# Duplicate detection is pure computation: it runs before, and without, the PostgreSQL below.
if [ "$what" = dedup ]; then
  shift
  exec dotnet run -c Release --project bench/Caravan.Bench -- dedup "$@"
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGTMP=$(mktemp -d /tmp/caravan-bench-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$PGTMP"
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGTMP"' EXIT
port=55500; while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Stock durability (fsync on); only memory is sized for the machine, as a small production node would be.
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -t 30 \
  -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=16MB -c max_connections=200" start >/dev/null
export CARAVAN_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50"
bench() { dotnet run -c Release --project bench/Caravan.Bench -- "$@"; }
case $what in
  cases)
    shift
    bench cases --provider postgres --vacancies 0 --agencies 0 "$@"
    exit 0 ;;
  load|soak|spike)
    shift
    bench "$what" "$@"
    exit 0 ;;
  exchange)
    shift
    bench exchange --provider postgres --messages 100000 --clients 16 --seconds 20 "$@"
    exit 0 ;;
  statistics-pg)
    shift
    bench statistics --provider postgres --facts 10000000 --new-facts 1000000 --clients 8 --seconds 30 "$@"
    exit 0 ;;
  match)
    shift
    bench match --provider postgres --vacancies 1000000 --agencies 2000 --clients 8 --seconds 20 "$@"
    exit 0 ;;
  statistics-sqlite)
    shift
    bench statistics --provider sqlite --facts 1000000 --new-facts 100000 --clients 4 --seconds 30 "$@"
    exit 0 ;;
  import|import-pg|import-sqlite)
    shift
    if [ "$what" != import-sqlite ]; then bench import "$@" --provider postgres --rows 1000000 --search --clients 12 --seconds 30; fi
    if [ "$what" != import-pg ]; then bench import "$@" --provider sqlite --rows 1000000; fi
    exit 0 ;;
esac
case $what in
  search-pg|all) bench search --provider postgres --vacancies 1000000 --agencies 2000 --clients 16 --seconds 30 ;;&
  search-sqlite|all) bench search --provider sqlite --vacancies 100000 --agencies 2000 --clients 4 --seconds 30 ;;&
  lookup|all) bench lookup --provider postgres --vacancies 10000 --agencies 2000 --clients 16 --seconds 20 ;;&
  bulk|all) bench bulk --provider postgres --vacancies 10000 --agencies 2000 --bulk-rows 10000 --bulk-requests ${BULK_REQUESTS:-5} ;;
  search-pg|search-sqlite|lookup) ;;
  *) echo "usage: bench/run.sh [search-pg|search-sqlite|lookup|bulk|all|dedup|import|import-pg|import-sqlite|cases]" >&2; exit 2 ;;
esac
