#!/usr/bin/env bash
# free_tcp_port: prints a TCP port on 127.0.0.1 that nothing listens on. Sourced by the scripts
# that start throwaway database servers (pg_cluster.sh, mariadb_cluster.sh).
free_tcp_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "error: no free TCP port found" >&2
  return 1
}
