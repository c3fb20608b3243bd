#!/usr/bin/env bash
# The online-migration benchmark (issue 14; docs/online-migrations.md). A table `orders` with
# ROWS rows (default 2,000,000) takes a revision that adds an index, a foreign key, a unique
# constraint, a NOT NULL and a check, and drops an index, while bench/online_writer.c updates
# random rows in autocommit and times each UPDATE. Run twice on identical copies of the data: with
# dbmig's default (online forms, lock_timeout) and with --no-online (the plain DDL in one
# transaction that Alembic writes). Reports the writer's longest wait and p99 and the upgrade's
# time for each, checks the result (structure equals the models, `dbmig check` passes), and with
# a full run checks the targets: online longest wait <= 1/5 of plain's and < 0.5 s, upgrade time
# within 3x of plain's.
#
#   bench/online.sh            full size; writes bench/RESULTS-online.md
#   bench/online.sh --smoke    20,000 rows, correctness only (scripts/test.sh)
#
# Environment: DBMIG_BIN (default build/dbmig), DBMIG_TEST_PG_URL (a server; without it a
# throwaway cluster is started with scripts/pg_cluster.sh), BENCH_ONLINE_ROWS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
smoke=0
[ "${1:-}" = --smoke ] && smoke=1
rows="${BENCH_ONLINE_ROWS:-$([ "$smoke" = 1 ] && echo 20000 || echo 2000000)}"
dbmig="${DBMIG_BIN:-$root/build/dbmig}"
say() { echo "==> bench online: $*"; }
die() { echo "bench/online.sh: error: $*" >&2; exit 2; }
[ -x "$dbmig" ] || die "no dbmig binary at $dbmig (set DBMIG_BIN)"
command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"

work="$(mktemp -d /tmp/dbmig-bench-online.XXXXXX)"
writer_pid=""
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null || true
  if [ -n "${admin:-}" ]; then
    for name in base online plain; do
      psql -X -q "$admin" -c "DROP DATABASE IF EXISTS bench_online_$name WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  [ "${started_cluster:-0}" = 1 ] && pg_cluster_stop
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DBMIG_TEST_PG_URL:-}" ]; then
  # shellcheck source=scripts/pg_cluster.sh
  source "$root/scripts/pg_cluster.sh"
  pg_cluster_start
  started_cluster=1
fi
admin="$DBMIG_TEST_PG_URL"
url_of() {  # the server URL with its database replaced by bench_online_$1
  local path="${admin%%\?*}" query=""
  [ "$path" = "$admin" ] || query="?${admin#*\?}"
  echo "${path%/*}/bench_online_$1$query"
}
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

cc -O2 -o "$work/online_writer" "$root/bench/online_writer.c" -I/usr/include/postgresql -lpq

# --- the project: orders at its first revision, then the revision under test ------------------
project="$work/project"
mkdir -p "$project"
printf 'models: models.yaml\nmigrations: migrations\n' > "$project/dbmig.yaml"
cat > "$project/models.yaml" <<'YAML'
tables:
  customers:
    columns:
      id: {type: integer, primary_key: true}
  orders:
    columns:
      id: {type: integer, primary_key: true}
      customer_id: {type: integer, nullable: false}
      total: {type: integer, nullable: false}
      code: {type: string(20), nullable: false}
      status: {type: integer}
    indexes:
      - {columns: [status]}
YAML
sql "$admin" -c "DROP DATABASE IF EXISTS bench_online_base WITH (FORCE)" -c "CREATE DATABASE bench_online_base"
base_url="$(url_of base)"
mkdir -p "$project/migrations/versions"
"$dbmig" -q -d "$project" --url "$base_url" migrate -m "orders" >/dev/null
"$dbmig" -q -d "$project" --url "$base_url" upgrade
say "loading $rows rows into orders"
sql "$base_url" -c "INSERT INTO customers SELECT g FROM generate_series(1, 1000) g" \
  -c "INSERT INTO orders SELECT g, 1 + g % 1000, 1 + g % 97, 'c' || g, g % 5 FROM generate_series(1, $rows) g" \
  -c "VACUUM ANALYZE customers" -c "VACUUM ANALYZE orders"
cat > "$project/models.yaml" <<'YAML'
tables:
  customers:
    columns:
      id: {type: integer, primary_key: true}
  orders:
    columns:
      id: {type: integer, primary_key: true}
      customer_id: {type: integer, nullable: false, references: customers.id}
      total: {type: integer, nullable: false}
      code: {type: string(20), nullable: false, unique: true}
      status: {type: integer, nullable: false}
    indexes:
      - {columns: [customer_id]}
    checks:
      - {name: total_positive, expr: "total > 0"}
YAML
"$dbmig" -q -d "$project" --url "$base_url" migrate -m "constraints and indexes" >/dev/null

# --- one run: a copy of the data, the writer, the upgrade --------------------------------------
run_mode() {  # mode (online|plain) -> "<upgrade seconds> <writer stats>" in $work/$mode.result
  local mode="$1" url flags=()
  [ "$mode" = plain ] && flags=(--no-online)
  sql "$admin" -c "DROP DATABASE IF EXISTS bench_online_$mode WITH (FORCE)" \
    -c "CREATE DATABASE bench_online_$mode TEMPLATE bench_online_base"
  url="$(url_of "$mode")"
  "$work/online_writer" "$url" "$rows" > "$work/$mode.writer" &
  writer_pid=$!
  sleep 1
  local started ended
  started=$(date +%s.%N)
  "$dbmig" -d "$project" --url "$url" upgrade "${flags[@]}" > "$work/$mode.out" 2>&1 ||
    { cat "$work/$mode.out" >&2; die "$mode upgrade failed"; }
  ended=$(date +%s.%N)
  sleep 1
  kill -TERM "$writer_pid"
  wait "$writer_pid"
  writer_pid=""
  # The result: the constraints validated, the indexes valid, NOT NULL set, check passes.
  "$dbmig" -q -d "$project" --url "$url" check > "$work/$mode.check" 2>&1 ||
    { cat "$work/$mode.check" >&2; die "$mode: check fails after the upgrade"; }
  local invalid
  invalid=$(sql "$url" -c "SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass AND NOT indisvalid")
  [ "$invalid" = 0 ] || die "$mode: $invalid invalid index(es) on orders"
  local unvalidated
  unvalidated=$(sql "$url" -c "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND NOT convalidated")
  [ "$unvalidated" = 0 ] || die "$mode: $unvalidated constraint(s) not validated"
  grep -q "errors=0" "$work/$mode.writer" || die "$mode: the writer's updates failed: $(cat "$work/$mode.writer")"
  echo "$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.3f", b - a }') $(cat "$work/$mode.writer")" > "$work/$mode.result"
  sql "$admin" -c "DROP DATABASE bench_online_$mode WITH (FORCE)"
}

field() { grep -o "$2=[0-9.]*" <<<"$1" | cut -d= -f2; }
say "online (dbmig's default)"
run_mode online
say "plain DDL in one transaction (--no-online)"
run_mode plain
online="$(cat "$work/online.result")"
plain="$(cat "$work/plain.result")"
for mode in online plain; do
  result="$(cat "$work/$mode.result")"
  printf '%-7s upgrade %.2f s; writer: %s\n' "$mode" "$(cut -d' ' -f1 <<<"$result")" "$(cut -d' ' -f2- <<<"$result")"
done
[ "$smoke" = 1 ] && { say "smoke: both modes correct"; exit 0; }

online_max=$(field "$online" max_ms) plain_max=$(field "$plain" max_ms)
online_time=$(cut -d' ' -f1 <<<"$online") plain_time=$(cut -d' ' -f1 <<<"$plain")
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "NOT met"; fi; }
wait_ratio=$(verdict "$online_max * 5 <= $plain_max")
wait_bound=$(verdict "$online_max < 500")
time_ratio=$(verdict "$online_time <= 3 * $plain_time")
report="${BENCH_RESULTS:-$root/bench/RESULTS-online.md}"
{
  echo "# Online migrations: the application's waits (bench/online.sh)"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, PostgreSQL $(sql "$admin" -c 'SHOW server_version'), $rows rows in orders;"
  echo "the revision adds an index, a foreign key, a unique constraint, a NOT NULL and a check, and drops an index,"
  echo "while one connection updates random rows in autocommit (bench/online_writer.c)."
  echo
  echo "| mode | upgrade time | writer updates | writer p50 | writer p99 | writer longest wait |"
  echo "|---|---|---|---|---|---|"
  for mode in online plain; do
    result="$(cat "$work/$mode.result")"
    label=$([ "$mode" = online ] && echo "dbmig (online, the default)" || echo "plain DDL, one transaction (--no-online; Alembic's DDL)")
    printf '| %s | %.2f s | %s | %s ms | %s ms | %s ms |\n' "$label" "$(cut -d' ' -f1 <<<"$result")" \
      "$(field "$result" updates)" "$(field "$result" p50_ms)" "$(field "$result" p99_ms)" "$(field "$result" max_ms)"
  done
  echo
  echo "Targets: online longest wait at most 1/5 of plain's: **$wait_ratio**; under 0.5 s: **$wait_bound**;"
  echo "online upgrade time within 3x of plain's: **$time_ratio**."
} > "$report"
cat "$report"
