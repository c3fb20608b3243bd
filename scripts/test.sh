#!/usr/bin/env bash
# The README's test command: install what is missing (the PostgreSQL and MariaDB servers included),
# build dbmig twice (warnings as errors; then AddressSanitizer + UndefinedBehaviorSanitizer), start
# a throwaway PostgreSQL cluster and a throwaway MariaDB server, run the whole ctest suite of both
# builds against SQLite and those servers, and stop them, also when tests fail; then run every
# fuzz target for a few seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DBMIG_WITH_POSTGRES=1 DBMIG_WITH_MARIADB=1 DBMIG_WITH_FUZZ=1
source "$root/scripts/deps.sh"
source "$root/scripts/pg_cluster.sh"
source "$root/scripts/mariadb_cluster.sh"
dbmig_install_missing

jobs="$(nproc 2>/dev/null || echo 2)"
build() {
  local dir="$1"; shift
  echo "==> Building $dir ($*)"
  cmake -S "$root" -B "$root/$dir" -G Ninja -DDBMIG_WERROR=ON "$@" >/dev/null
  cmake --build "$root/$dir" -j "$jobs"
}
build build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo
build build-asan -DCMAKE_BUILD_TYPE=Debug -DDBMIG_SANITIZE=ON

stop_servers() {
  pg_cluster_stop
  mariadb_cluster_stop
}
trap stop_servers EXIT
pg_cluster_start
mariadb_cluster_start
# Tests that need a server fail, not skip, when it is unreachable.
export DBMIG_REQUIRE_PG=1 DBMIG_REQUIRE_MARIADB=1

status=0
for dir in build-ci build-asan; do
  echo "==> ctest in $dir (SQLite, PostgreSQL at ${DBMIG_TEST_PG_URL%%:*}://postgres:***@${DBMIG_TEST_PG_URL##*@}," \
       "MariaDB at ${DBMIG_TEST_MARIADB_URL%%:*}://root:***@${DBMIG_TEST_MARIADB_URL##*@})"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/$dir" --output-on-failure -j "$jobs" || status=1
done
echo "==> Fuzzing: every seed, then a few seconds per target (scripts/fuzz.sh, docs/fuzzing.md)"
"$root/scripts/fuzz.sh" 8 || status=1
if [ -x "$root/bench/run.sh" ]; then
  echo "==> Benchmark harness smoke run (tiny sizes; checks it works, times nothing)"
  "$root/bench/run.sh" --smoke || status=1
  echo "==> Online-migration benchmark smoke run (a writer during online and plain DDL; checks the results)"
  DBMIG_BIN="$root/build-ci/dbmig" "$root/bench/online.sh" --smoke || status=1
fi
exit "$status"
