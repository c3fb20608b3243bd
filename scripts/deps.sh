#!/usr/bin/env bash
# Installs, with apt-get, whatever dbmig needs to build and test that is not installed yet.
# Sourced by demo.sh, test.sh and fuzz.sh; DBMIG_WITH_POSTGRES=1 adds the PostgreSQL server,
# DBMIG_WITH_MARIADB=1 the MariaDB server, DBMIG_WITH_FUZZ=1 clang and libFuzzer (scripts/fuzz.sh).
set -euo pipefail

dbmig_install_missing() {
  local packages=(cmake ninja-build g++ pkg-config libcli11-dev libyaml-cpp-dev libsqlite3-dev sqlite3
                  libpq-dev libmariadb-dev libspdlog-dev libfmt-dev doctest-dev
                  dpkg-dev file groff-base)  # the .deb test: dpkg-shlibdeps, file (cpack), groff (the man page)
  if [ "${DBMIG_WITH_POSTGRES:-0}" = 1 ]; then
    packages+=(postgresql postgresql-client)
  fi
  if [ "${DBMIG_WITH_MARIADB:-0}" = 1 ]; then
    packages+=(mariadb-server mariadb-client)
  fi
  if [ "${DBMIG_WITH_FUZZ:-0}" = 1 ]; then
    packages+=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)
  fi
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  echo "==> Installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
