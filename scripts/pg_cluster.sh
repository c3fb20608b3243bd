#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temp directory.
# Sourced by test.sh (and bench/run.sh): pg_cluster_start exports DBMIG_TEST_PG_URL;
# pg_cluster_stop stops it and removes the directory. Works as root: the server runs as the
# `postgres` user that Debian's package creates, since initdb refuses to run as root.
set -euo pipefail

pg_cluster_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] || { echo "error: no PostgreSQL server found under /usr/lib/postgresql" >&2; return 1; }
  echo "$dir"
}

source "$(dirname "${BASH_SOURCE[0]}")/free_port.sh"

# Runs a command as the cluster's owner (postgres when we are root, else ourselves).
pg_cluster_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_cluster_start() {
  local bindir port password
  bindir="$(pg_cluster_bindir)"
  port="$(free_tcp_port)"
  password="dbmig-test-$RANDOM$RANDOM"
  PG_CLUSTER_DIR="$(mktemp -d /tmp/dbmig-pg.XXXXXX)"
  export PG_CLUSTER_DIR
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_CLUSTER_DIR"
  printf '%s\n' "$password" > "$PG_CLUSTER_DIR/pwfile"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_CLUSTER_DIR/pwfile"
  echo "==> Starting a throwaway PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$port in $PG_CLUSTER_DIR"
  pg_cluster_as_owner "$bindir/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres --pwfile="$PG_CLUSTER_DIR/pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1 ||
    { cat "$PG_CLUSTER_DIR/initdb.log" >&2; return 1; }
  pg_cluster_as_owner "$bindir/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_CLUSTER_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_CLUSTER_DIR/server.log" >&2; return 1; }
  PG_CLUSTER_BINDIR="$bindir"
  export PG_CLUSTER_BINDIR
  export DBMIG_TEST_PG_URL="postgresql://postgres:${password}@127.0.0.1:${port}/postgres"
}

pg_cluster_stop() {
  if [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR/data" ]; then
    pg_cluster_as_owner "$PG_CLUSTER_BINDIR/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -z "${PG_CLUSTER_DIR:-}" ] || rm -rf "$PG_CLUSTER_DIR"
}
