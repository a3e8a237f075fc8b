#!/usr/bin/env bash
# Issue 18, fuzzing: the fuzz families of the test suite with 10,000 generated inputs each (./test.sh runs 1,000
# with a fixed seed) and a random seed, printed so that a failure can be replayed. Writes a report to
# bench/reports/fuzz-<date>.md; failing inputs are saved under artifacts/fuzz-failures/<family>/.
#   bench/fuzz.sh                    all families, 10,000 each, random seed
#   bench/fuzz.sh Core               only the parser families (no database)
#   FUZZ_COUNT=2000 FUZZ_SEED=42 bench/fuzz.sh "FullyQualifiedName~BulkVacanciesFuzz"
# The Web families need a PostgreSQL server for tests: set CARAVAN_TEST_POSTGRES as ./test.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SELECT=${1:-all}
export CARAVAN_FUZZ_COUNT=${FUZZ_COUNT:-10000}
export CARAVAN_FUZZ_SEED=${FUZZ_SEED:-$(( (RANDOM << 15) | RANDOM ))}
export CARAVAN_FUZZ_FAILURES="$ROOT/artifacts/fuzz-failures"
mkdir -p bench/reports "$CARAVAN_FUZZ_FAILURES"
REPORT="bench/reports/fuzz-$(date -u +%Y-%m-%d-%H%M).md"
export CARAVAN_FUZZ_REPORT="$ROOT/$REPORT.rows"
: >"$CARAVAN_FUZZ_REPORT"
echo "fuzz: $CARAVAN_FUZZ_COUNT inputs per family (a fifth of them on PostgreSQL), seed $CARAVAN_FUZZ_SEED"

status=0
run() { # project, filter
  dotnet test "$1" --logger "console;verbosity=minimal" --filter "$2" -- xUnit.MaxParallelThreads=2 || status=1
}
case "$SELECT" in
  all)
    run tests/Caravan.Core.Tests "FullyQualifiedName~Fuzz"
    run tests/Caravan.Web.Tests "FullyQualifiedName~Fuzz" ;;
  Core) run tests/Caravan.Core.Tests "FullyQualifiedName~Fuzz" ;;
  Web) run tests/Caravan.Web.Tests "FullyQualifiedName~Fuzz" ;;
  *)
    run tests/Caravan.Core.Tests "$SELECT"
    run tests/Caravan.Web.Tests "$SELECT" ;;
esac

{
  echo "# Fuzz run, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`bench/fuzz.sh $SELECT\` on $(nproc) cores: $CARAVAN_FUZZ_COUNT inputs per family on SQLite and in the parser families,"
  echo "a fifth of that on PostgreSQL; seed $CARAVAN_FUZZ_SEED (\`FUZZ_SEED=$CARAVAN_FUZZ_SEED\` replays it). Outcome: $([ $status = 0 ] && echo 'no failures' || echo 'FAILURES, inputs under artifacts/fuzz-failures')."
  echo
  echo "| Family | Inputs | Seed | Time | Failures |"
  echo "|---|---|---|---|---|"
  cat "$CARAVAN_FUZZ_REPORT"
} >"$REPORT"
rm -f "$CARAVAN_FUZZ_REPORT"
echo "report: $REPORT"
exit $status
