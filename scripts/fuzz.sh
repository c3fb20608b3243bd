#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in build-fuzz) and runs them one after another: first every seed
# once, whole (the committed cases of tests/fuzz/corpus and every YAML and SQL file of the
# repository), then SECONDS of fuzzing per target. Fails if any target crashes; prints each
# target's executions and result. docs/fuzzing.md says what a crash means and how to replay it.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 8), TARGETs default all
#
# DBMIG_FUZZ_MAX_LEN caps the length of the inputs libFuzzer makes (default 4096 bytes): long
# inputs are slow and rarely find more. The seeds are always run at full length first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DBMIG_WITH_FUZZ=1
source "$root/scripts/deps.sh"
dbmig_install_missing

seconds="${1:-8}"
if [ "$#" -gt 0 ]; then shift; fi
all_targets=(plain_yaml header_scan models config database_url sql_tokens create_table lint_sql)
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then targets=("${all_targets[@]}"); fi
max_len="${DBMIG_FUZZ_MAX_LEN:-4096}"
build="$root/build-fuzz"
seeds="$build/fuzz-seeds"  # the repository's YAML and SQL files, copied below
fuzz_dir="$root/tests/fuzz"

# Each target's seed folders and dictionary.
seed_dirs() {
  case "$1" in
    plain_yaml | header_scan | models) echo "$fuzz_dir/corpus/yaml $seeds/yaml" ;;
    config) echo "$fuzz_dir/corpus/config $fuzz_dir/corpus/yaml $seeds/yaml" ;;
    database_url) echo "$fuzz_dir/corpus/url" ;;
    sql_tokens | create_table | lint_sql) echo "$fuzz_dir/corpus/sql $seeds/sql" ;;
    *) echo "unknown fuzz target '$1' (known: ${all_targets[*]})" >&2; return 1 ;;
  esac
}
dictionary() {
  case "$1" in
    database_url) echo "$fuzz_dir/dict/url.dict" ;;
    sql_tokens | create_table | lint_sql) echo "$fuzz_dir/dict/sql.dict" ;;
    *) echo "$fuzz_dir/dict/yaml.dict" ;;
  esac
}

for target in "${targets[@]}"; do seed_dirs "$target" >/dev/null; done  # an unknown name stops here

echo "==> Building the fuzz targets in build-fuzz (clang++-14, libFuzzer, ASan + UBSan)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDBMIG_FUZZ=ON -DDBMIG_TESTS=OFF -DDBMIG_WERROR=ON >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target dbmig_fuzz

# The repository's own YAML and SQL files as seeds, copied into build-fuzz rather than committed twice.
rm -rf "$seeds"
copy_seeds() {  # copy_seeds FOLDER NAME-PATTERN...: every matching file outside builds and tests/fuzz
  local folder="$seeds/$1"; shift
  local patterns=() pattern
  for pattern in "$@"; do patterns+=(${patterns[@]:+-o} -name "$pattern"); done
  mkdir -p "$folder"
  (cd "$root" && find . \( -path './build*' -o -path ./.git -o -path ./tests/fuzz \) -prune -o -type f \
    \( "${patterns[@]}" \) -print) | while read -r file; do
    file="${file#./}"
    cp "$root/$file" "$folder/$(printf '%s' "$file" | tr '/' '_')"
  done
}
copy_seeds yaml '*.yaml' '*.yml'
copy_seeds sql '*.sql'

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
summary=()
for target in "${targets[@]}"; do
  read -r -a dirs <<<"$(seed_dirs "$target")"
  binary="$build/tests/fuzz/fuzz_$target"
  out="$build/fuzz-out/$target"   # crash-*, timeout-*, oom-* files land here
  corpus="$build/fuzz-corpus/$target"  # what the runs found, kept for the next run
  mkdir -p "$out" "$corpus"
  log="$out/run.log"
  common=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/" -dict="$(dictionary "$target")")
  echo "==> fuzz_$target: the seeds once, whole, then ${seconds}s of fuzzing (-max_len=$max_len)"
  mapfile -t seed_files < <(find "${dirs[@]}" -type f | sort)
  result="ok"
  if ! "$binary" "${common[@]}" "${seed_files[@]}" >"$log" 2>&1; then
    result="CRASH on a seed"
  elif ! "$binary" "${common[@]}" -max_len="$max_len" -max_total_time="$seconds" -print_final_stats=1 \
      "$corpus" "${dirs[@]}" >>"$log" 2>&1; then
    result="CRASH"
  fi
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  artifact="$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)"
  if [ "$result" = "CRASH on a seed" ]; then artifact="$(sed -n 's/^Running: //p' "$log" | tail -n 1)"; fi
  if [ "$result" != ok ]; then
    status=1
    echo "--- fuzz_$target: $result; the end of $log:"
    grep -v '^#[0-9]' "$log" | tail -n 40
    echo "--- replay: $binary ${artifact:-<input>}"
  fi
  artifact="${artifact#"$root"/}"
  summary+=("$(printf '%-14s %12s execs  %s%s' "$target" "${execs:-?}" "$result" "${artifact:+ ($artifact)}")")
done
echo "==> Fuzzing summary (${seconds}s per target)"
printf '  %s\n' "${summary[@]}"
exit "$status"
