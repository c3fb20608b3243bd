#!/usr/bin/env bash
# Installs, with apt-get, whatever dbmig needs to build and test that is not installed yet.
# Sourced by demo.sh and test.sh; DBMIG_WITH_POSTGRES=1 adds the PostgreSQL server.
set -euo pipefail

dbmig_install_missing() {
  local packages=(cmake ninja-build g++ pkg-config libcli11-dev libyaml-cpp-dev libsqlite3-dev sqlite3
                  libpq-dev libspdlog-dev libfmt-dev doctest-dev)
  if [ "${DBMIG_WITH_POSTGRES:-0}" = 1 ]; then
    packages+=(postgresql postgresql-client)
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
