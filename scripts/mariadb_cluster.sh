#!/usr/bin/env bash
# A throwaway MariaDB server on 127.0.0.1 and a free port, with its own data directory in a temp
# directory. Sourced by test.sh (and bench/run.sh): mariadb_cluster_start exports
# DBMIG_TEST_MARIADB_URL (root with a random password); mariadb_cluster_stop stops it and removes
# the directory. Works as root: the server runs as the `mysql` user that Debian's package creates.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/free_port.sh"

mariadb_cluster_start() {
  local port password user
  command -v mariadbd >/dev/null || { echo "error: no MariaDB server (mariadbd) installed" >&2; return 1; }
  port="$(free_tcp_port)"
  password="dbmig-test-$RANDOM$RANDOM"
  MARIADB_CLUSTER_DIR="$(mktemp -d /tmp/dbmig-mariadb.XXXXXX)"
  export MARIADB_CLUSTER_DIR
  user="$(id -un)"
  [ "$(id -u)" -ne 0 ] || { user=mysql; chown mysql: "$MARIADB_CLUSTER_DIR"; }
  echo "==> Starting a throwaway MariaDB ($(mariadbd --version | awk '{print $3}')) on 127.0.0.1:$port in $MARIADB_CLUSTER_DIR"
  mariadb-install-db --no-defaults --user="$user" --datadir="$MARIADB_CLUSTER_DIR/data" \
    --auth-root-authentication-method=normal --skip-test-db >"$MARIADB_CLUSTER_DIR/install.log" 2>&1 ||
    { cat "$MARIADB_CLUSTER_DIR/install.log" >&2; return 1; }
  # --no-defaults: the machine's /etc/mysql settings (its socket, its port) are not this server's.
  mariadbd --no-defaults --user="$user" --datadir="$MARIADB_CLUSTER_DIR/data" --bind-address=127.0.0.1 \
    --port="$port" --socket="$MARIADB_CLUSTER_DIR/mysqld.sock" --pid-file="$MARIADB_CLUSTER_DIR/mysqld.pid" \
    --log-error="$MARIADB_CLUSTER_DIR/server.log" --max-connections=300 --innodb-flush-log-at-trx-commit=0 \
    --innodb-buffer-pool-size=256M --skip-name-resolve >/dev/null 2>&1 &
  local ready=0
  for _ in $(seq 1 300); do
    if mariadb-admin --no-defaults --socket="$MARIADB_CLUSTER_DIR/mysqld.sock" -uroot ping >/dev/null 2>&1; then
      ready=1
      break
    fi
    sleep 0.2
  done
  [ "$ready" -eq 1 ] || { cat "$MARIADB_CLUSTER_DIR/server.log" >&2; return 1; }
  mariadb --no-defaults --socket="$MARIADB_CLUSTER_DIR/mysqld.sock" -uroot -e \
    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '$password';
     GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
     ALTER USER 'root'@'localhost' IDENTIFIED BY '$password'; CREATE DATABASE dbmig_test;" ||
    { cat "$MARIADB_CLUSTER_DIR/server.log" >&2; return 1; }
  export MARIADB_CLUSTER_SOCKET="$MARIADB_CLUSTER_DIR/mysqld.sock"
  export DBMIG_TEST_MARIADB_URL="mariadb://root:${password}@127.0.0.1:${port}/dbmig_test"
}

mariadb_cluster_stop() {
  if [ -n "${MARIADB_CLUSTER_DIR:-}" ] && [ -f "$MARIADB_CLUSTER_DIR/mysqld.pid" ]; then
    kill "$(cat "$MARIADB_CLUSTER_DIR/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do
      [ -f "$MARIADB_CLUSTER_DIR/mysqld.pid" ] || break
      sleep 0.1
    done
  fi
  [ -z "${MARIADB_CLUSTER_DIR:-}" ] || rm -rf "$MARIADB_CLUSTER_DIR"
}
