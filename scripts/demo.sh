#!/usr/bin/env bash
# The README's first command: install what is missing, build dbmig, and walk the example
# (examples/blog) through init, migrate, upgrade, a model change, migrate, upgrade, downgrade on
# SQLite, printing each command and its output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/deps.sh"
dbmig_install_missing

echo "==> Building dbmig (build/)"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDBMIG_TESTS=OFF >/dev/null
cmake --build "$root/build" --target dbmig
dbmig="$root/build/dbmig"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

step() {
  echo
  echo "\$ $*"
  "$@"
}

echo
echo "==> A new project in $work"
step "$dbmig" init
echo "==> Using the blog example's models (examples/blog/models.yaml)"
cp "$root/examples/blog/models.yaml" models.yaml
step cat models.yaml
step "$dbmig" migrate -m "create users and posts"
step cat migrations/versions/*.yaml
step "$dbmig" upgrade
step "$dbmig" current
step sqlite3 app.db ".schema users"

echo
echo "==> A model change: posts get a published flag and an index on title"
cp "$root/examples/blog/models_v2.yaml" models.yaml
step "$dbmig" check || echo "(check exits $? while models and database differ)"
step "$dbmig" migrate -m "add published flag"
step "$dbmig" upgrade --sql
step "$dbmig" upgrade
step "$dbmig" history
step "$dbmig" migrate -m "nothing left"
step "$dbmig" check
step "$dbmig" downgrade
step "$dbmig" current
step "$dbmig" downgrade base
step sqlite3 app.db ".tables"
echo
echo "==> Demo finished: every step above ran against $work/app.db"
