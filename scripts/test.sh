#!/usr/bin/env bash
# The README's test command: install what is missing (the PostgreSQL server included), build dbmig
# twice (warnings as errors; then AddressSanitizer + UndefinedBehaviorSanitizer), start a
# throwaway PostgreSQL cluster, run the whole ctest suite of both builds against SQLite and that
# server, and stop it, also when tests fail; then run every fuzz target for a few seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DBMIG_WITH_POSTGRES=1 DBMIG_WITH_FUZZ=1
source "$root/scripts/deps.sh"
source "$root/scripts/pg_cluster.sh"
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

trap pg_cluster_stop EXIT
pg_cluster_start
# Tests that need PostgreSQL fail, not skip, when the server is unreachable.
export DBMIG_REQUIRE_PG=1

status=0
for dir in build-ci build-asan; do
  echo "==> ctest in $dir (SQLite and PostgreSQL at ${DBMIG_TEST_PG_URL%%:*}://postgres:***@${DBMIG_TEST_PG_URL##*@})"
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/$dir" --output-on-failure -j "$jobs" || status=1
done
echo "==> Fuzzing: every seed, then a few seconds per target (scripts/fuzz.sh, docs/fuzzing.md)"
"$root/scripts/fuzz.sh" 8 || status=1
if [ -x "$root/bench/run.sh" ]; then
  echo "==> Benchmark harness smoke run (tiny sizes; checks it works, times nothing)"
  "$root/bench/run.sh" --smoke || status=1
fi
exit "$status"
