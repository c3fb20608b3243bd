#!/usr/bin/env bash
# Installs, with apt-get, what bench/run.sh needs and is not installed yet: hyperfine, GNU time,
# sqlite3, the PostgreSQL and MariaDB servers and clients, and Debian's Alembic stack for
# /usr/bin/python3 (python3-alembic, python3-sqlalchemy, python3-psycopg2, and python3-pymysql,
# Alembic's driver for MariaDB). With --smoke only what the smoke run needs (sqlite3, GNU time,
# PostgreSQL, MariaDB): it times nothing and skips Alembic.
# Also installs the build dependencies through scripts/deps.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

smoke=0
[ "${1:-}" = "--smoke" ] && smoke=1

export DBMIG_WITH_POSTGRES=1 DBMIG_WITH_MARIADB=1
source "$root/scripts/deps.sh"
dbmig_install_missing

packages=(time sqlite3 python3 postgresql postgresql-client mariadb-server mariadb-client)
if [ "$smoke" = 0 ]; then
  packages+=(hyperfine python3-alembic python3-sqlalchemy python3-psycopg2 python3-pymysql)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> bench: installing missing packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
