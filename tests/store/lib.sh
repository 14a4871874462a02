# lib.sh - the preamble the store tests share: paths, a scratch directory removed on exit, and
# ok/bad/check counters (each test ends with `finish`). Sourced, not run.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
# A failure shows the start of the last command's stderr when the test saved it in $TMP/err.
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -s "$TMP/err" ] && head -c 600 "$TMP/err" | sed 's/^/     | /'; return 0; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }
