#!/usr/bin/env bash
# The .deb as a user gets it: built with `cpack -G DEB` from the build directory ($1), unpacked into
# a temporary root with `dpkg -x`, then its dbmig run (--version), its man page rendered, its
# completions present, its Depends and Recommends read. Registered in ctest (tests/CMakeLists.txt);
# exits 77 (ctest: skipped) only where dpkg-deb is missing, i.e. not on Debian or a derivative.
set -euo pipefail
build="${1:?usage: package_test.sh BUILD_DIR}"
if ! command -v dpkg-deb >/dev/null; then
  echo "SKIP: dpkg-deb is not installed (not a Debian system), so no .deb can be built or unpacked"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# What the package holds must be built (a no-op after `cmake --build`).
cmake --build "$build" --target dbmig dbmig_docs >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
(cd "$build" && cpack -G DEB -B "$work/out") >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb="$(ls "$work"/out/dbmig_*.deb)"
echo "built $(basename "$deb")"

depends="$(dpkg-deb -f "$deb" Depends)"
recommends="$(dpkg-deb -f "$deb" Recommends)"
echo "Depends: $depends"
echo "Recommends: $recommends"
for library in libsqlite3-0 libyaml-cpp0.7 libfmt9 libspdlog1.10 libc6; do
  [[ "$depends" == *"$library"* ]] || fail "Depends lacks $library"
done
for library in libpq5 libmariadb3; do
  [[ "$depends" != *"$library"* ]] || fail "$library is in Depends: it is opened at run time, only recommended"
  [[ "$recommends" == *"$library"* ]] || fail "Recommends lacks $library"
done

root="$work/root"
dpkg -x "$deb" "$root"
for file in usr/bin/dbmig usr/share/man/man1/dbmig.1.gz usr/share/bash-completion/completions/dbmig \
            usr/share/zsh/vendor-completions/_dbmig usr/share/fish/vendor_completions.d/dbmig.fish; do
  [ -s "$root/$file" ] || fail "the package has no $file"
done

version="$("$root/usr/bin/dbmig" --version)" || fail "dbmig --version exited $?"
echo "$version"
[[ "$version" == "dbmig "* ]] || fail "dbmig --version printed: $version"

page="$root/usr/share/man/man1/dbmig.1.gz"
if command -v man >/dev/null; then
  warnings="$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)" || fail "man -l $page failed: $warnings"
  rendered="$(MANWIDTH=80 man -l "$page" 2>/dev/null)"
else
  warnings="$(gzip -dc "$page" | groff -man -ww -z 2>&1)" || fail "groff failed: $warnings"
  rendered="$(gzip -dc "$page" | groff -man -Tutf8 2>/dev/null)"
fi
[ -z "$warnings" ] || fail "the man page renders with warnings: $warnings"
[[ "$rendered" == *upgrade* ]] || fail "the rendered man page does not mention upgrade"
echo "OK: the .deb installs dbmig, its man page and its completions"
