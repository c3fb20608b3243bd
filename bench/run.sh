#!/usr/bin/env bash
# dbmig's benchmark harness (issues 7 and 15; docs/performance.md). Runs each scenario on SQLite,
# PostgreSQL and MariaDB (dialect `mysql`) with dbmig, with the same work done directly by
# sqlite3/psql/mariadb (the floor) and with Alembic, checks every result for correctness, times it
# with hyperfine and measures peak RSS with GNU time, and writes bench/RESULTS.md.
#
#   bench/run.sh            the full run (sizes of the issue; ~20 minutes without MariaDB); writes RESULTS.md
#   bench/run.sh --smoke    tiny sizes, a few seconds, correctness only: times nothing, needs neither
#                           hyperfine nor Alembic; exits non-zero when a check fails (scripts/test.sh)
#
# Options: --dialects sqlite,postgresql,mysql (default: all three for a full run; for --smoke, mysql
#          only when DBMIG_TEST_MARIADB_URL is set)   --scenarios 1,2,3,4,5,6   --no-alembic
#          --keep (work dir)   --rev REV: measure commit REV, built (Release) from `git archive`
# Environment: DBMIG_BIN (the binary to measure), DBMIG_TEST_PG_URL (a PostgreSQL server to use;
# without it a throwaway cluster is started with scripts/pg_cluster.sh), DBMIG_TEST_MARIADB_URL
# (a MariaDB server, likewise; else scripts/mariadb_cluster.sh starts one), BENCH_WORK (work
# directory; default a fresh one under /dev/shm), BENCH_CURRENT_SIZES, BENCH_SCHEMA_SIZES,
# BENCH_CHAIN_SIZES, BENCH_SQLCHAIN_SIZES, BENCH_REBUILD_ROWS (space-separated sizes), BENCH_SECONDS
# (time budget per measured command, default 4; hyperfine does 3 to 20 runs within it),
# BENCH_DISK_DIR (where scenario 6 puts its SQLite files on a real disk; default /var/tmp),
# BENCH_RESULTS (the report a full run writes; default bench/RESULTS.md: a run of some scenarios
# only, e.g. --scenarios 6, should write elsewhere rather than replace the whole report).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
python=/usr/bin/python3  # Debian's: the Alembic stack is installed for it, not for a pyenv python3

# --- options --------------------------------------------------------------------------------------
smoke=0 keep=0 use_alembic=1 rev=""
dialects=""
scenarios="1,2,3,4,5,6"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --keep) keep=1 ;;
    --no-alembic) use_alembic=0 ;;
    --dialects) dialects="$2"; shift ;;
    --scenarios) scenarios="$2"; shift ;;
    --rev) rev="$2"; shift ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
# The default dialects: a full run measures all three (starting the servers it is not given); the
# smoke run adds MariaDB only when scripts/test.sh (or the caller) gives it a server, so that it
# also runs alone on a machine without mariadb-server.
if [ -z "$dialects" ]; then
  dialects="sqlite,postgresql"
  if [ "$smoke" = 0 ] || [ -n "${DBMIG_TEST_MARIADB_URL:-}" ]; then dialects="$dialects,mysql"; fi
fi
has() { case ",$1," in *",$2,"*) return 0 ;; *) return 1 ;; esac; }
say() { echo "==> bench: $*"; }
# Text as it may be printed: the password of every URL in it (between "user:" and "@") as ***.
mask_password() { sed -E 's#(://[^:/@[:space:]]*):[^@[:space:]]*@#\1:***@#g' <<<"$1"; }
die() { echo "bench/run.sh: error: $*" >&2; exit 2; }

if [ "$smoke" = 1 ]; then
  current_sizes="${BENCH_CURRENT_SIZES:-1 4}"
  schema_sizes="${BENCH_SCHEMA_SIZES:-5}"
  chain_sizes="${BENCH_CHAIN_SIZES:-4}"
  sqlchain_sizes="${BENCH_SQLCHAIN_SIZES:-4}"
  rebuild_rows="${BENCH_REBUILD_ROWS:-1000}"
else
  current_sizes="${BENCH_CURRENT_SIZES:-1 100 1000}"
  schema_sizes="${BENCH_SCHEMA_SIZES:-100 1000}"
  chain_sizes="${BENCH_CHAIN_SIZES:-100 1000}"
  sqlchain_sizes="${BENCH_SQLCHAIN_SIZES:-1000}"
  rebuild_rows="${BENCH_REBUILD_ROWS:-1000000}"
fi
seconds="${BENCH_SECONDS:-4}"

# --- tools ----------------------------------------------------------------------------------------
# What is missing is installed by bench/setup.sh (apt-get), so that the smoke run works on a machine
# that has only what scripts/test.sh installed.
missing_tools() {
  local tool
  for tool in "$python" /usr/bin/time sqlite3 cc; do command -v "$tool" >/dev/null || echo "$tool"; done
  if has "$dialects" postgresql; then command -v psql >/dev/null || echo psql; fi
  if has "$dialects" mysql; then
    command -v mariadb >/dev/null || echo mariadb
    command -v mariadb-dump >/dev/null || echo mariadb-dump
    [ -n "${DBMIG_TEST_MARIADB_URL:-}" ] || command -v mariadbd >/dev/null || echo mariadbd
  fi
  if [ "$smoke" = 0 ]; then command -v hyperfine >/dev/null || echo hyperfine; fi
  if [ "$smoke" = 0 ] && [ "$use_alembic" = 1 ] && ! "$python" -c 'import alembic, sqlalchemy, psycopg2' 2>/dev/null; then
    echo "alembic"
  fi
  if [ "$smoke" = 0 ] && [ "$use_alembic" = 1 ] && has "$dialects" mysql && ! "$python" -c 'import pymysql' 2>/dev/null; then
    echo "pymysql"
  fi
}
if [ -n "$(missing_tools)" ]; then
  say "missing: $(missing_tools | tr '\n' ' ')- running bench/setup.sh"
  if [ "$smoke" = 1 ]; then "$bench/setup.sh" --smoke; else "$bench/setup.sh"; fi
  if [ -n "$(missing_tools | grep -v 'alembic\|pymysql')" ]; then
    die "still missing after bench/setup.sh: $(missing_tools | grep -v 'alembic\|pymysql' | tr '\n' ' ')"
  fi
fi
if [ "$smoke" = 1 ]; then
  use_alembic=0
  say "smoke mode: tiny sizes, correctness checks only; no timings, hyperfine and Alembic skipped"
elif [ "$use_alembic" = 1 ] && ! "$python" -c 'import alembic, sqlalchemy, psycopg2' 2>/dev/null; then
  use_alembic=0
  say "Alembic, SQLAlchemy or psycopg2 is not installed for $python: Alembic columns skipped (bench/setup.sh installs them)"
fi
# Alembic reaches MariaDB through PyMySQL (Debian's python3-pymysql); without it, no Alembic there.
alembic_mysql=0
if [ "$use_alembic" = 1 ] && has "$dialects" mysql; then
  if "$python" -c 'import pymysql' 2>/dev/null; then
    alembic_mysql=1
  else
    say "PyMySQL is not installed for $python: no Alembic on MariaDB (bench/setup.sh installs python3-pymysql)"
  fi
fi

# The dbmig binary: --rev, DBMIG_BIN, else scripts/test.sh's build-ci (smoke), else a Release build
# of the work tree in build-bench/.
measured="work tree"
if [ -n "$rev" ]; then
  sha="$(git -C "$root" rev-parse --short=12 "$rev^{commit}")" || die "no commit $rev"
  src="/tmp/dbmig-bench-src-$sha"
  if [ ! -x "$src/build/dbmig" ]; then
    say "building commit $sha (Release) in $src"
    rm -rf "$src"; mkdir -p "$src"
    git -C "$root" archive "$sha" | tar -x -C "$src"
    cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDBMIG_TESTS=OFF >/dev/null
    cmake --build "$src/build" --target dbmig >/dev/null
  fi
  dbmig="$src/build/dbmig"
  measured="commit $sha"
elif [ -n "${DBMIG_BIN:-}" ]; then
  measured="DBMIG_BIN=$DBMIG_BIN"
  dbmig="$DBMIG_BIN"
elif [ "$smoke" = 1 ] && [ -x "$root/build-ci/dbmig" ]; then
  dbmig="$root/build-ci/dbmig"
else
  dbmig="$root/build-bench/dbmig"
  if [ "$smoke" = 0 ] || [ ! -x "$dbmig" ]; then
    say "building $dbmig (Release)"
    cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDBMIG_TESTS=OFF >/dev/null
    cmake --build "$root/build-bench" --target dbmig >/dev/null
  fi
fi
[ -x "$dbmig" ] || die "no dbmig binary at $dbmig"
dbmig="$(cd "$(dirname "$dbmig")" && pwd)/$(basename "$dbmig")"

# A full run waits (at most two minutes) for the machine to settle after a build: the first
# scenario, milliseconds long, measured while the compiler's load was still draining read 25%
# slow. The 1-minute load average is what is watched; the wait is printed and the load recorded.
if [ "$smoke" = 0 ]; then
  for _ in $(seq 24); do
    awk '{ exit !($1 < 1.0) }' /proc/loadavg && break
    say "waiting for the machine to settle: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    sleep 5
  done
fi

# --- work directory, results, PostgreSQL ----------------------------------------------------------
# SQLite files live on tmpfs: the floor and dbmig then pay no fsync, so what is measured is the
# tools' own work (a commit costs ~40 ms of fsync on this machine's disk and would hide it).
if [ -n "${BENCH_WORK:-}" ]; then
  work="$BENCH_WORK"; mkdir -p "$work"
else
  base=/dev/shm; [ -d "$base" ] && [ -w "$base" ] || base=/tmp
  work="$(mktemp -d "$base/dbmig-bench.XXXXXX")"
fi
# dbmig's revision header cache (docs/configuration.md) goes to the work directory: the run starts
# with none and leaves nothing in the runner's home.
export XDG_CACHE_HOME="$work/cache"
if [ "$smoke" = 1 ]; then out="$work/out"; else out="$bench/out"; rm -rf "$out"; fi
mkdir -p "$out" "$work/db" "$work/prep" "$work/gen" "$work/logs"
# Scenario 6 also runs SQLite on a real disk, where every commit waits for fsync: its files live
# in $disk_dir, reached as the databases named disk/NAME (a symbolic link in $work/db).
disk_dir=""
if has "$scenarios" 6 && has "$dialects" sqlite; then
  disk_dir="$(mktemp -d "${BENCH_DISK_DIR:-/var/tmp}/dbmig-bench-disk.XXXXXX")"
  ln -s "$disk_dir" "$work/db/disk"
fi
rows="$out/rows.tsv"
: > "$rows"
failures=0

pg_started=0 pg_dbs=()
pg_admin=""
my_started=0 my_dbs=()
my_admin="" my_cnf=""
cleanup() {
  local status=$?
  if [ -n "$pg_admin" ]; then
    for name in "${pg_dbs[@]}"; do
      psql -X -q "$pg_admin" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  if [ -n "$my_cnf" ] && [ -f "$my_cnf" ]; then
    for name in "${my_dbs[@]}"; do
      my_sql -e "DROP DATABASE IF EXISTS \`$name\`" >/dev/null 2>&1 || true
    done
  fi
  [ "$pg_started" = 0 ] || pg_cluster_stop
  [ "$my_started" = 0 ] || mariadb_cluster_stop
  [ -z "$disk_dir" ] || rm -rf "$disk_dir"
  [ "$keep" = 1 ] || [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

if has "$dialects" postgresql; then
  if [ -z "${DBMIG_TEST_PG_URL:-}" ]; then
    source "$root/scripts/pg_cluster.sh"
    pg_cluster_start
    pg_started=1
  else
    say "using the PostgreSQL server of DBMIG_TEST_PG_URL ($(mask_password "$DBMIG_TEST_PG_URL"))"
  fi
  pg_admin="$DBMIG_TEST_PG_URL"
fi
pg_prefix="bench_$$_"

# MariaDB: the `mariadb` client (the floor, and the harness's own statements) reads the server's
# address and the password from an option file of mode 600 in the work directory, written from
# the URL, so that the password is on no command line and in no message.
my_sql() { mariadb --defaults-file="$my_cnf" --batch --silent "$@"; }
if has "$dialects" mysql; then
  if [ -z "${DBMIG_TEST_MARIADB_URL:-}" ]; then
    source "$root/scripts/mariadb_cluster.sh"
    mariadb_cluster_start
    my_started=1
  else
    say "using the MariaDB server of DBMIG_TEST_MARIADB_URL ($(mask_password "$DBMIG_TEST_MARIADB_URL"))"
  fi
  my_admin="$DBMIG_TEST_MARIADB_URL"
  my_cnf="$work/mariadb.cnf"
  (umask 077; BENCH_MARIADB_URL="$my_admin" "$python" "$bench/mariadb_options.py" > "$my_cnf") ||
    die "cannot read the MariaDB URL $(mask_password "$my_admin")"
  my_sql -e "SELECT 1" >/dev/null || die "cannot connect to MariaDB at $(mask_password "$my_admin")"
fi
my_prefix="bench_$$_"

# --- databases ------------------------------------------------------------------------------------
# A database is a (dialect, name) pair: a file under $work/db, or a PostgreSQL or MariaDB database
# on the server.
pg_url_of() {  # the server URL with its database replaced by $1
  local path="${pg_admin%%\?*}" query=""
  [ "$path" = "$pg_admin" ] || query="?${pg_admin#*\?}"
  echo "${path%/*}/$pg_prefix$1$query"
}
my_url_of() {  # the MariaDB server URL with its database replaced by $1
  local path="${my_admin%%\?*}" query=""
  [ "$path" = "$my_admin" ] || query="?${my_admin#*\?}"
  echo "${path%/*}/$my_prefix$1$query"
}
db_url() {  # dbmig's URL
  case "$1" in
    sqlite) echo "sqlite:///$work/db/$2.db" ;;
    postgresql) pg_url_of "$2" ;;
    mysql) my_url_of "$2" ;;
  esac
}
sa_url() {  # SQLAlchemy's: the same, with PyMySQL named as the MariaDB driver
  if [ "$1" = mysql ]; then db_url "$1" "$2" | sed -E 's#^[a-z]+://#mysql+pymysql://#'; else db_url "$1" "$2"; fi
}
db_psql_url() { pg_url_of "$1"; }
db_reset() {  # an empty database
  if [ "$1" = sqlite ]; then
    rm -f "$work/db/$2.db" "$work/db/$2.db-journal"; : > "$work/db/$2.db"
  elif [ "$1" = mysql ]; then
    my_sql -e "DROP DATABASE IF EXISTS \`$my_prefix$2\`; CREATE DATABASE \`$my_prefix$2\`"
    case " ${my_dbs[*]-} " in *" $my_prefix$2 "*) ;; *) my_dbs+=("$my_prefix$2") ;; esac
  else
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$pg_admin" -c "DROP DATABASE IF EXISTS \"$pg_prefix$2\" WITH (FORCE)" \
      -c "CREATE DATABASE \"$pg_prefix$2\"" >/dev/null
    case " ${pg_dbs[*]-} " in *" $pg_prefix$2 "*) ;; *) pg_dbs+=("$pg_prefix$2") ;; esac
  fi
}
db_clone() {  # $2 becomes a copy of $3
  if [ "$1" = sqlite ]; then
    cp "$work/db/$3.db" "$work/db/$2.db"
  elif [ "$1" = mysql ]; then  # MariaDB has no CREATE DATABASE ... TEMPLATE: a dump, replayed
    my_sql -e "DROP DATABASE IF EXISTS \`$my_prefix$2\`; CREATE DATABASE \`$my_prefix$2\`"
    case " ${my_dbs[*]-} " in *" $my_prefix$2 "*) ;; *) my_dbs+=("$my_prefix$2") ;; esac
    mariadb-dump --defaults-file="$my_cnf" --skip-comments --single-transaction "$my_prefix$3" |
      my_sql --database="$my_prefix$2"
  else
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$pg_admin" -c "DROP DATABASE IF EXISTS \"$pg_prefix$2\" WITH (FORCE)" \
      -c "CREATE DATABASE \"$pg_prefix$2\" TEMPLATE \"$pg_prefix$3\"" >/dev/null
    case " ${pg_dbs[*]-} " in *" $pg_prefix$2 "*) ;; *) pg_dbs+=("$pg_prefix$2") ;; esac
  fi
}
db_load() {  # runs a SQL file (it holds its own transactions on SQLite; psql wraps it in one;
            # the mariadb client commits each statement, stopping at the first error)
  if [ "$1" = sqlite ]; then
    sqlite3 -bail "$work/db/$2.db" ".read $3" >/dev/null
  elif [ "$1" = mysql ]; then
    my_sql --database="$my_prefix$2" < "$3" >/dev/null
  else
    psql -X -q -v ON_ERROR_STOP=1 -1 -f "$3" "$(db_psql_url "$2")" >/dev/null
  fi
}
db_query() {  # one value per line
  if [ "$1" = sqlite ]; then
    sqlite3 -batch -noheader "$work/db/$2.db" "$3"
  elif [ "$1" = mysql ]; then
    my_sql --skip-column-names --database="$my_prefix$2" -e "$3"
  else
    psql -X -At -v ON_ERROR_STOP=1 -c "$3" "$(db_psql_url "$2")"
  fi
}
# dbmig's bookkeeping tables (the version table, the history table of applied revisions that newer
# dbmig versions keep beside it, and on MySQL the progress of a revision, statement by statement):
# not part of the schema the scenarios compare.
bookkeeping="'dbmig_version', 'dbmig_history', 'dbmig_progress'"
# Every column of every user table, as one line each: two databases with the same lines have the
# same tables and columns (the version table's rows are compared separately).
db_signature() {
  if [ "$1" = sqlite ]; then
    db_query sqlite "$2" "SELECT m.name || '.' || p.name || ' ' || p.type || ' ' || p.\"notnull\" || ' ' || p.pk
      FROM sqlite_schema m JOIN pragma_table_info(m.name) p
      WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name NOT IN ($bookkeeping)
      ORDER BY m.name, p.cid"
  elif [ "$1" = mysql ]; then
    db_query mysql "$2" "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE)
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ($bookkeeping)
      ORDER BY BINARY TABLE_NAME, ORDINAL_POSITION"
  else
    db_query postgresql "$2" "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT IN ($bookkeeping)
      ORDER BY table_name, ordinal_position"
  fi
}
db_versions() { db_query "$1" "$2" "SELECT version_num FROM dbmig_version ORDER BY 1" 2>/dev/null || true; }
db_user_tables() {
  if [ "$1" = sqlite ]; then
    db_query sqlite "$2" "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
      AND name NOT IN ($bookkeeping)"
  elif [ "$1" = mysql ]; then
    db_query mysql "$2" "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
      AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT IN ($bookkeeping)"
  else
    db_query postgresql "$2" "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()
      AND tablename NOT IN ($bookkeeping)"
  fi
}

# Commands that run SQL directly: the floor.
floor_cmd() {  # dialect db file [psql -1]
  if [ "$1" = sqlite ]; then
    echo "sqlite3 -bail $work/db/$2.db .read\\ $3"
  elif [ "$1" = mysql ]; then  # `source` stops at the first error only with --abort-source-on-error
    echo "mariadb --defaults-file=$my_cnf --batch --silent --abort-source-on-error --database=$my_prefix$2 -e source\\ $3"
  else
    echo "psql -X -q -v ON_ERROR_STOP=1 ${4:-} -f $3 $(db_psql_url "$2")"
  fi
}
alembic_cmd() {  # project-dir dialect db args...
  local dir="$1" dialect="$2" db="$3"; shift 3
  echo "$python -m alembic -c $dir/alembic/alembic.ini -x db=$(sa_url "$dialect" "$db") $*"
}
dbmig_cmd() {  # project-dir dialect db args...
  local dir="$1" dialect="$2" db="$3"; shift 3
  echo "$dbmig -d $dir/dbmig --url $(db_url "$dialect" "$db") $*"
}

# --- measuring ------------------------------------------------------------------------------------
# Alembic's columns: skipped with --no-alembic or in smoke mode, and on MariaDB without PyMySQL.
no_alembic() { [ "$use_alembic" = 0 ] || { [ "$1" = mysql ] && [ "$alembic_mysql" = 0 ]; }; }
prep_env() {  # what a prepare script needs to call db_reset and db_clone
  declare -f db_reset db_clone pg_url_of my_sql
  echo "work=$work; pg_admin='$pg_admin'; pg_prefix=$pg_prefix; pg_dbs=()"
  echo "my_cnf=$my_cnf; my_prefix=$my_prefix; my_dbs=()"
}
prep() {  # prep NAME <<script: a prepare script for hyperfine (run before every run); prints its path
  local file="$work/prep/$1.sh"
  { echo "set -euo pipefail"; cat; } > "$file"
  echo "$file"
}

# Checks, run with OUT, ERR (files) and STATUS of the command's run; each says what is wrong.
fail_check() { echo "check failed: $*" >&2; return 1; }
expect_status() { [ "$STATUS" = "$1" ] || fail_check "exit status $STATUS, expected $1: $(tail -n 3 "$ERR" | tr '\n' ' ')"; }
expect_out() { grep -qF -- "$1" "$OUT" || fail_check "output lacks '$1': $(head -c 300 "$OUT" | tr '\n' ' ')"; }
expect_equal() { [ "$1" = "$2" ] || fail_check "$3: got '$(echo "$1" | head -c 200 | tr '\n' ' ')', expected '$(echo "$2" | head -c 200 | tr '\n' ' ')'"; }
expect_files() {  # dir glob count
  local n; n=$(find "$1" -maxdepth 1 -name "$2" | wc -l)
  [ "$n" = "$3" ] || fail_check "$n files $2 in $1, expected $3"
}

# Scenario 4: the database is at the chain's head with the same tables and columns as the floor
# made, or back at base with no table left.
expect_at_head() {  # dialect db head signature-file
  expect_status 0 && expect_equal "$(db_versions "$1" "$2")" "$3" "version row" &&
    expect_equal "$(db_signature "$1" "$2" | md5sum)" "$(md5sum < "$4")" "schema (tables and columns)"
}
expect_at_base() {  # dialect db
  expect_status 0 && expect_equal "$(db_versions "$1" "$2")" "" "version rows" &&
    expect_equal "$(db_user_tables "$1" "$2")" 0 "tables left"
}
# Scenario 5: every row kept, accounts.name NOT NULL, both indexes back, every foreign key intact.
expect_rebuilt() {  # db head rows referrers
  expect_status 0 && expect_equal "$(db_versions sqlite "$1")" "$2" "version row" &&
    expect_equal "$(db_query sqlite "$1" "SELECT count(*) FROM accounts; SELECT count(*) FROM payments;
      SELECT \"notnull\" FROM pragma_table_info('accounts') WHERE name = 'name';
      SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema
        WHERE type = 'index' AND tbl_name = 'accounts' AND sql IS NOT NULL ORDER BY name);
      SELECT count(*) FROM pragma_foreign_key_check;
      SELECT count(*) FROM payments p JOIN accounts a ON a.id = p.account_id" | tr '\n' ' ')" \
      "$3 $4 1 ix_accounts_created_at,ix_accounts_email 0 $4 " "rows, NOT NULL, indexes, foreign keys"
}

# measure KEY SCENARIO DIALECT SIZE VARIANT TOOL PREPARE CHECK COMMAND
#   Runs PREPARE, then COMMAND once (under GNU time: peak RSS) and CHECK on its result; then, in
#   the full run, hyperfine with PREPARE before every run. A failed check is reported and counted.
measure() {
  local key="$1" scenario="$2" dialect="$3" size="$4" variant="$5" tool="$6" prepare="$7" check="$8" cmd="$9"
  local log="$work/logs/$key"
  printf '  %-52s ' "$key"
  if [ -n "$prepare" ] && ! bash "$prepare" >"$log.prep" 2>&1; then
    echo "FAIL: prepare failed: $(mask_password "$(tail -n 3 "$log.prep" | tr '\n' ' ')")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\tfail\tprepare failed\n' "$key" "$scenario" "$dialect" "$size" "$variant" "$tool" >> "$rows"
    failures=$((failures + 1))
    return 0
  fi
  local started ended
  started=$(date +%s%N)
  set +e
  eval "/usr/bin/time -f %M -o $out/$key.rss $cmd" >"$log.out" 2>"$log.err"
  STATUS=$?
  set -e
  ended=$(date +%s%N)
  local took_ms=$(( (ended - started) / 1000000 ))
  OUT="$log.out" ERR="$log.err"
  local status=ok note=""
  if grep -q "rebuild that does it is not built yet" "$ERR" 2>/dev/null; then
    status=na note="dbmig: the SQLite table rebuild is not built yet"
  elif ! eval "$check" 2>"$log.check"; then
    status=fail note="$(mask_password "$(sed 's/^ *check failed: //' "$log.check" | tr '\n' ' ' | sed 's/ *$//')")"
    failures=$((failures + 1))
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$scenario" "$dialect" "$size" "$variant" "$tool" "$status" "$note" >> "$rows"
  if [ "$status" != ok ]; then
    echo "${status^^} ($took_ms ms)${note:+: $note}"
    return 0
  fi
  if [ "$smoke" = 1 ]; then
    echo "ok ($took_ms ms, untimed)"
    return 0
  fi
  local runs=$(( seconds * 1000 / (took_ms + 1) ))
  [ "$runs" -ge 3 ] || runs=3
  [ "$runs" -le 20 ] || runs=20
  local warmup=1
  [ "$took_ms" -lt 2000 ] || warmup=0
  hyperfine -N --style none --runs "$runs" --warmup "$warmup" ${prepare:+--prepare "bash $prepare"} \
    --export-json "$out/$key.json" "$cmd" >"$log.hyperfine" 2>&1 ||
    { echo "hyperfine failed: $(mask_password "$(tail -n 3 "$log.hyperfine")")"; failures=$((failures + 1)); return 0; }
  "$python" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("median %.1f ms (%d runs), %s KB" % (r["median"]*1e3, len(r["times"]), open(sys.argv[2]).read().strip()))' \
    "$out/$key.json" "$out/$key.rss"
}

# count KEY PREPARE COMMAND: the SQL statements the command sends (bench/count_statements.c).
counter="$work/count_statements.so"
cc -shared -fPIC -O2 -o "$counter" "$bench/count_statements.c" -ldl 2>/dev/null || counter=""
count() {
  local key="$1" prepare="$2" cmd="$3"
  [ -n "$counter" ] || { echo "    $key: statements not counted (no C compiler)"; return 0; }
  [ -z "$prepare" ] || bash "$prepare" >/dev/null 2>&1
  rm -f "$out/$key.count"
  eval "BENCH_COUNT_FILE=$out/$key.count BENCH_SQL_LOG=$work/logs/$key.sql LD_PRELOAD=$counter $cmd" >/dev/null 2>&1 || true
  echo "    $key: $(cat "$out/$key.count" 2>/dev/null || echo '?') statements"
}

# --- generated inputs -----------------------------------------------------------------------------
gen() {  # gen KIND SIZE: the directory of bench/generate.py's output, generated once
  local dir="$work/gen/$1-$2"
  if [ ! -d "$dir" ]; then
    case "$1" in
      schema) "$python" "$bench/generate.py" schema --tables "$2" --out "$dir" ;;
      chain) "$python" "$bench/generate.py" chain --revisions "$2" --out "$dir" ;;
      sqlchain) "$python" "$bench/generate.py" sqlchain --revisions "$2" --out "$dir" ;;
      rebuild) "$python" "$bench/generate.py" rebuild --rows "$2" --out "$dir" ;;
      rebuild5) "$python" "$bench/generate.py" rebuild5 --rows "$2" --out "$dir" ;;
    esac
  fi
  echo "$dir"
}

# A database at the head of chain N, made by the floor's upgrade script (once per dialect and N).
# Its name is left in $chain_db, not printed: run in a $(...) subshell, db_reset's registration
# of the PostgreSQL database for removal at exit would be lost with the subshell.
chain_head_db() {  # dialect n [kind: chain|sqlchain]; sets chain_db
  local kind="${3:-chain}"
  chain_db="$kind$2_head"
  if [ ! -e "$work/db/.$1-$chain_db" ]; then
    db_reset "$1" "$chain_db"
    db_load "$1" "$chain_db" "$(gen "$kind" "$2")/sql/$1.upgrade.sql"
    touch "$work/db/.$1-$chain_db"
  fi
}

# --- scenario 1: current ----------------------------------------------------------------------------
# dbmig is measured twice: with its revision header cache filled (its warm-up runs fill it; a file
# is cached once it is 2 s old, hence the pause after generating), and with DBMIG_NO_CACHE=1, which
# reads every revision file as the first run after a change does.
scenario_current() {
  local d="$1" n dir db head
  for n in $current_sizes; do gen chain "$n" >/dev/null; done
  sleep 2
  for n in $current_sizes; do
    dir="$(gen chain "$n")"; head="$(cat "$dir/head")"; chain_head_db "$d" "$n"; db="$chain_db"
    measure "s1.$d.$n.dbmig" 1 "$d" "$n" current dbmig "" \
      "expect_status 0 && expect_out '$head (head)'" "$(dbmig_cmd "$dir" "$d" "$db" current)"
    measure "s1.$d.$n.dbmig-nocache" 1 "$d" "$n" "current (no header cache)" dbmig "" \
      "expect_status 0 && expect_out '$head (head)'" "env DBMIG_NO_CACHE=1 $(dbmig_cmd "$dir" "$d" "$db" current)"
    if [ "$d" = sqlite ]; then
      measure "s1.$d.$n.floor" 1 "$d" "$n" current floor "" "expect_status 0 && expect_out '$head'" \
        "sqlite3 $work/db/$db.db SELECT\\ version_num\\ FROM\\ dbmig_version"
    elif [ "$d" = mysql ]; then
      measure "s1.$d.$n.floor" 1 "$d" "$n" current floor "" "expect_status 0 && expect_out '$head'" \
        "mariadb --defaults-file=$my_cnf --batch --skip-column-names --database=$my_prefix$db -e SELECT\\ version_num\\ FROM\\ dbmig_version"
    else
      measure "s1.$d.$n.floor" 1 "$d" "$n" current floor "" "expect_status 0 && expect_out '$head'" \
        "psql -X -At -c SELECT\\ version_num\\ FROM\\ dbmig_version $(db_psql_url "$db")"
    fi
    no_alembic "$d" || measure "s1.$d.$n.alembic" 1 "$d" "$n" current alembic "" \
      "expect_status 0 && expect_out '$head (head)'" "$(alembic_cmd "$dir" "$d" "$db" current)"
  done
}

# --- scenarios 2 and 3: migrate against an empty database, and against a matching one ----------
scenario_migrate() {  # dialect which(2|3)
  local d="$1" s="$2" n dir db prepare
  for n in $schema_sizes; do
    dir="$(gen schema "$n")"
    if [ "$s" = 2 ]; then
      db="schema${n}_empty"; db_reset "$d" "$db"
    else
      db="schema${n}_full"
      if [ ! -e "$work/db/.$d-$db" ]; then
        db_reset "$d" "$db"; db_load "$d" "$db" "$dir/sql/$d.schema.sql"; touch "$work/db/.$d-$db"
      fi
    fi
    prepare="$(prep "s$s.$d.$n" <<EOF
rm -f $dir/dbmig/migrations/versions/*.yaml $dir/alembic/versions/*.py
EOF
)"
    local floor_cmd
    if [ "$d" = sqlite ]; then
      floor_cmd="sqlite3 -bail $work/db/$db.db .read\\ $bench/catalog/sqlite.sql"
    elif [ "$d" = mysql ]; then
      floor_cmd="$(floor_cmd mysql "$db" "$bench/catalog/mysql.sql")"
    else
      floor_cmd="psql -X -q -A -t -v ON_ERROR_STOP=1 -o /dev/null -f $bench/catalog/postgresql.sql $(db_psql_url "$db")"
    fi
    if [ "$s" = 2 ]; then
      measure "s2.$d.$n.dbmig" 2 "$d" "$n" migrate dbmig "$prepare" \
        "expect_status 0 && expect_files $dir/dbmig/migrations/versions '*.yaml' 1 &&
         expect_equal \"\$(grep -c '^  - create_table:' $dir/dbmig/migrations/versions/*.yaml)\" $n 'create_table steps'" \
        "$(dbmig_cmd "$dir" "$d" "$db" migrate -m create)"
      count "s2.$d.$n.dbmig" "$prepare" "$(dbmig_cmd "$dir" "$d" "$db" migrate -m create)"
      measure "s2.$d.$n.floor" 2 "$d" "$n" migrate floor "" "expect_status 0" "$floor_cmd"
      no_alembic "$d" || measure "s2.$d.$n.alembic" 2 "$d" "$n" migrate alembic "$prepare" \
        "expect_status 0 && expect_files $dir/alembic/versions '*.py' 1 &&
         expect_equal \"\$(grep -c 'op.create_table(' $dir/alembic/versions/*.py)\" $n 'op.create_table calls'" \
        "$(alembic_cmd "$dir" "$d" "$db" revision --autogenerate -m create)"
    else
      measure "s3.$d.$n.dbmig" 3 "$d" "$n" migrate dbmig "$prepare" \
        "expect_status 0 && expect_out 'No changes detected' && expect_files $dir/dbmig/migrations/versions '*.yaml' 0" \
        "$(dbmig_cmd "$dir" "$d" "$db" migrate -m again)"
      count "s3.$d.$n.dbmig" "$prepare" "$(dbmig_cmd "$dir" "$d" "$db" migrate -m again)"
      measure "s3.$d.$n.dbmig-check" 3 "$d" "$n" check dbmig "$prepare" \
        "expect_status 0 && expect_out 'matches the models'" "$(dbmig_cmd "$dir" "$d" "$db" check)"
      measure "s3.$d.$n.floor" 3 "$d" "$n" migrate floor "" "expect_status 0" "$floor_cmd"
      no_alembic "$d" || measure "s3.$d.$n.alembic" 3 "$d" "$n" migrate alembic "$prepare" \
        "expect_status 0 && expect_out 'No changes detected' && expect_files $dir/alembic/versions '*.py' 0" \
        "$(alembic_cmd "$dir" "$d" "$db" revision --autogenerate -m again)"
    fi
    bash "$prepare"
  done
}

# --- scenario 4: upgrade base -> head and downgrade head -> base through a chain ----------------
# MySQL/MariaDB commit each DDL statement implicitly: there is no "one transaction" variant (dbmig
# refuses --single-transaction there), dbmig's default is compared with the floor's statements each
# committed on its own, and Alembic's run (whose transaction the DDL commits too) is in that row.
scenario_chain() {
  local d="$1" n dir head db expect_sig up down one="" one_tx=1 alembic_up alembic_down
  [ "$d" = sqlite ] || one="-1"
  alembic_up="upgrade (one transaction)" alembic_down="downgrade (one transaction)"
  if [ "$d" = mysql ]; then one="" one_tx=0 alembic_up=upgrade alembic_down=downgrade; fi
  for n in $chain_sizes; do
    dir="$(gen chain "$n")"; head="$(cat "$dir/head")"
    db="chain${n}_work"
    local head_db; chain_head_db "$d" "$n"; head_db="$chain_db"
    expect_sig="$work/logs/s4.$d.$n.signature"
    db_signature "$d" "$head_db" > "$expect_sig"
    up="$(prep "s4.$d.$n.up" <<EOF
$(prep_env)
db_reset $d $db
EOF
)"
    down="$(prep "s4.$d.$n.down" <<EOF
$(prep_env)
db_clone $d $db $head_db
EOF
)"
    db_reset "$d" "$db"  # registers it for removal at exit
    local at_head="expect_at_head $d $db $head $expect_sig" at_base="expect_at_base $d $db"

    measure "s4.$d.$n.up.dbmig" 4 "$d" "$n" upgrade dbmig "$up" \
      "$at_head && expect_equal \"\$(grep -c '^Applied' \"\$OUT\")\" $n 'Applied lines'" \
      "$(dbmig_cmd "$dir" "$d" "$db" upgrade)"
    if [ "$one_tx" = 1 ]; then
      measure "s4.$d.$n.up.dbmig-1tx" 4 "$d" "$n" "upgrade (one transaction)" dbmig "$up" "$at_head" \
        "$(dbmig_cmd "$dir" "$d" "$db" upgrade --single-transaction)"
      measure "s4.$d.$n.up.floor" 4 "$d" "$n" "upgrade (one transaction)" floor "$up" "$at_head" \
        "$(floor_cmd "$d" "$db" "$dir/sql/$d.upgrade.sql" "$one")"
    fi
    measure "s4.$d.$n.up.floor-steps" 4 "$d" "$n" upgrade floor "$up" "$at_head" \
      "$(floor_cmd "$d" "$db" "$dir/sql/$d.upgrade-per-step.sql")"
    no_alembic "$d" || measure "s4.$d.$n.up.alembic" 4 "$d" "$n" "$alembic_up" alembic "$up" \
      "$at_head" "$(alembic_cmd "$dir" "$d" "$db" upgrade head)"

    measure "s4.$d.$n.down.dbmig" 4 "$d" "$n" downgrade dbmig "$down" "$at_base" \
      "$(dbmig_cmd "$dir" "$d" "$db" downgrade base)"
    if [ "$one_tx" = 1 ]; then
      measure "s4.$d.$n.down.dbmig-1tx" 4 "$d" "$n" "downgrade (one transaction)" dbmig "$down" "$at_base" \
        "$(dbmig_cmd "$dir" "$d" "$db" downgrade base --single-transaction)"
      measure "s4.$d.$n.down.floor" 4 "$d" "$n" "downgrade (one transaction)" floor "$down" "$at_base" \
        "$(floor_cmd "$d" "$db" "$dir/sql/$d.downgrade.sql" "$one")"
    fi
    measure "s4.$d.$n.down.floor-steps" 4 "$d" "$n" downgrade floor "$down" "$at_base" \
      "$(floor_cmd "$d" "$db" "$dir/sql/$d.downgrade-per-step.sql")"
    no_alembic "$d" || measure "s4.$d.$n.down.alembic" 4 "$d" "$n" "$alembic_down" alembic \
      "$down" "$at_base" "$(alembic_cmd "$dir" "$d" "$db" downgrade base)"
  done
}

# Scenario 5, five changes in one revision: as above, and balance's default 1, note added, only
# ix_accounts_email left, the check in place.
expect_rebuilt_five() {  # db head rows referrers
  expect_status 0 && expect_equal "$(db_versions sqlite "$1")" "$2" "version row" &&
    expect_equal "$(db_query sqlite "$1" "SELECT count(*) FROM accounts; SELECT count(*) FROM payments;
      SELECT \"notnull\" FROM pragma_table_info('accounts') WHERE name = 'name';
      SELECT dflt_value FROM pragma_table_info('accounts') WHERE name = 'balance';
      SELECT count(*) FROM pragma_table_info('accounts') WHERE name = 'note';
      SELECT instr(sql, 'ck_accounts_balance') > 0 FROM sqlite_schema WHERE name = 'accounts';
      SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema
        WHERE type = 'index' AND tbl_name = 'accounts' AND sql IS NOT NULL ORDER BY name);
      SELECT count(*) FROM pragma_foreign_key_check;
      SELECT count(*) FROM payments p JOIN accounts a ON a.id = p.account_id" | tr '\n' ' ')" \
      "$3 $4 1 1 1 1 ix_accounts_email 0 $4 " "rows, NOT NULL, default, new column, check, indexes, foreign keys"
}

# --- scenario 5: SQLite table rebuild -------------------------------------------------------------
scenario_rebuild() {
  local rows_n dir head base=rebuild_base db=rebuild_work
  for rows_n in $rebuild_rows; do
    dir="$(gen rebuild "$rows_n")"; head="$(cat "$dir/head")"
    db_reset sqlite "$base"; db_load sqlite "$base" "$dir/sql/sqlite.setup.sql"
    local referrers=$(( rows_n / 10 )); [ "$referrers" -ge 1 ] || referrers=1
    local prepare; prepare="$(prep "s5.$rows_n" <<EOF
cp $work/db/$base.db $work/db/$db.db
EOF
)"
    local rebuilt="expect_rebuilt $db $head $rows_n $referrers"
    measure "s5.sqlite.$rows_n.dbmig" 5 sqlite "$rows_n" "alter_column (rebuild)" dbmig "$prepare" "$rebuilt" \
      "$(dbmig_cmd "$dir" sqlite "$db" upgrade)"
    measure "s5.sqlite.$rows_n.floor" 5 sqlite "$rows_n" "alter_column (rebuild)" floor "$prepare" "$rebuilt" \
      "$(floor_cmd sqlite "$db" "$dir/sql/sqlite.rebuild.sql")"
    [ "$use_alembic" = 0 ] || measure "s5.sqlite.$rows_n.alembic" 5 sqlite "$rows_n" "alter_column (rebuild)" alembic \
      "$prepare" "$rebuilt" "$(alembic_cmd "$dir" sqlite "$db" upgrade head)"
    # Five changes to the table in one revision: one rebuild, like the hand-written floor (issue 13).
    dir="$(gen rebuild5 "$rows_n")"; head="$(cat "$dir/head")"
    rebuilt="expect_rebuilt_five $db $head $rows_n $referrers"
    measure "s5.sqlite.$rows_n.five.dbmig" 5 sqlite "$rows_n" "5 changes, one revision" dbmig "$prepare" "$rebuilt" \
      "$(dbmig_cmd "$dir" sqlite "$db" upgrade)"
    measure "s5.sqlite.$rows_n.five.floor" 5 sqlite "$rows_n" "5 changes, one revision" floor "$prepare" "$rebuilt" \
      "$(floor_cmd sqlite "$db" "$dir/sql/sqlite.rebuild.sql")"
    [ "$use_alembic" = 0 ] || measure "s5.sqlite.$rows_n.five.alembic" 5 sqlite "$rows_n" "5 changes, one revision" \
      alembic "$prepare" "$rebuilt" "$(alembic_cmd "$dir" sqlite "$db" upgrade head)"
    rm -f "$work/db/$base.db" "$work/db/$db.db"
  done
}

# --- scenario 6: upgrade through a chain of raw `sql:` steps, on tmpfs and on a disk file -------
# dbmig cannot see what raw SQL changed; it must not re-read the schema after each revision (issue
# 12: that made an upgrade 2.6x the floor on a disk file and grow with the chain). On a disk file
# every commit waits for fsync, for dbmig and the floor alike.
scenario_sqlchain() {
  local d="$1" n dir head db place places expect_sig up one=""
  [ "$d" = sqlite ] || one="-1"
  if [ "$d" = sqlite ]; then places="tmpfs disk"; else places="server"; fi
  for n in $sqlchain_sizes; do
    dir="$(gen sqlchain "$n")"; head="$(cat "$dir/head")"
    chain_head_db "$d" "$n" sqlchain
    expect_sig="$work/logs/s6.$d.$n.signature"
    db_signature "$d" "$chain_db" > "$expect_sig"
    for place in $places; do
      db="sqlchain${n}_work"; [ "$place" != disk ] || db="disk/$db"
      up="$(prep "s6.$d.$n.$place" <<EOF
$(prep_env)
db_reset $d $db
EOF
)"
      db_reset "$d" "$db"  # registers it for removal at exit
      local at_head="expect_at_head $d $db $head $expect_sig" variant="upgrade"
      [ "$d" != sqlite ] || variant="upgrade, $place"
      measure "s6.$d.$n.$place.dbmig" 6 "$d" "$n" "$variant" dbmig "$up" \
        "$at_head && expect_equal \"\$(grep -c '^Applied' \"\$OUT\")\" $n 'Applied lines'" \
        "$(dbmig_cmd "$dir" "$d" "$db" upgrade)"
      measure "s6.$d.$n.$place.floor" 6 "$d" "$n" "$variant" floor "$up" "$at_head" \
        "$(floor_cmd "$d" "$db" "$dir/sql/$d.upgrade-per-step.sql")"
      [ "$d" != mysql ] || continue  # no transactional DDL: no "one transaction" variant (scenario 4)
      measure "s6.$d.$n.$place.dbmig-1tx" 6 "$d" "$n" "$variant (one transaction)" dbmig "$up" "$at_head" \
        "$(dbmig_cmd "$dir" "$d" "$db" upgrade --single-transaction)"
      measure "s6.$d.$n.$place.floor-1tx" 6 "$d" "$n" "$variant (one transaction)" floor "$up" "$at_head" \
        "$(floor_cmd "$d" "$db" "$dir/sql/$d.upgrade.sql" "$one")"
    done
  done
}

# --- the run ----------------------------------------------------------------------------------------
say "dbmig $("$dbmig" --version 2>/dev/null | head -n 1) at $dbmig; work directory $work"
started_at=$(date +%s)
load_at_start="$(cut -d" " -f1-3 /proc/loadavg)"
for d in sqlite postgresql mysql; do
  has "$dialects" "$d" || continue
  if has "$scenarios" 1; then say "scenario 1 ($d): current"; scenario_current "$d"; fi
  if has "$scenarios" 2; then say "scenario 2 ($d): migrate, empty database"; scenario_migrate "$d" 2; fi
  if has "$scenarios" 3; then say "scenario 3 ($d): migrate and check, no change"; scenario_migrate "$d" 3; fi
  if has "$scenarios" 4; then say "scenario 4 ($d): upgrade and downgrade through a chain"; scenario_chain "$d"; fi
  if has "$scenarios" 5 && [ "$d" = sqlite ]; then say "scenario 5 (sqlite): table rebuild"; scenario_rebuild; fi
  if has "$scenarios" 6; then say "scenario 6 ($d): upgrade through raw sql: steps"; scenario_sqlchain "$d"; fi
done
say "done in $(( $(date +%s) - started_at )) s; $failures failed check(s)"

if [ "$smoke" = 0 ]; then
  {
    echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    if [ -n "$rev" ]; then
      echo "measured=$measured (built from git archive, Release)"
    else
      echo "measured=$measured: HEAD $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- src 2>/dev/null || echo ' plus uncommitted changes in src/')"
    fi
    echo "dbmig=$("$dbmig" --version 2>/dev/null | head -n 1)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') ($(nproc) cores)"
    echo "kernel=$(uname -r)"
    echo "load=load average $load_at_start at the start, $(cut -d" " -f1-3 /proc/loadavg) at the end"
    echo "sqlite3=$(sqlite3 --version | cut -d' ' -f1)"
    echo "postgresql=$(psql -X -At -c 'SHOW server_version' "$pg_admin" 2>/dev/null || echo '-')"
    echo "mariadb=$( [ -n "$my_cnf" ] && my_sql --skip-column-names -e 'SELECT VERSION()' 2>/dev/null || echo '-')"
    echo "hyperfine=$(hyperfine --version | cut -d' ' -f2)"
    echo "alembic=$([ "$use_alembic" = 1 ] && "$python" -c 'import alembic, sqlalchemy; print(alembic.__version__, "/ SQLAlchemy", sqlalchemy.__version__)' || echo 'not run')$(has "$dialects" mysql && [ "$use_alembic" = 1 ] && { [ "$alembic_mysql" = 1 ] && echo '; on MariaDB through PyMySQL' || echo '; not on MariaDB (no PyMySQL)'; })"
    echo "work=$work"
    echo "sizes=current: $current_sizes; schema: $schema_sizes; chain: $chain_sizes; raw SQL chain: $sqlchain_sizes; rebuild rows: $rebuild_rows"
    echo "disk=$([ -n "$disk_dir" ] && df -T "$disk_dir" | awk 'NR == 2 { print $2 " on " $1 }' || echo '-')"
  } > "$out/machine.txt"
  results="${BENCH_RESULTS:-$bench/RESULTS.md}"
  "$python" "$bench/report.py" "$out" "$results"
  say "wrote $results (raw hyperfine JSON in bench/out/)"
fi
[ "$failures" = 0 ]
