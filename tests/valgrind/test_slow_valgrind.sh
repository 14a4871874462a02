#!/usr/bin/env bash
# test_slow_valgrind.sh - valgrind memcheck over the golden cases (issue #8): `dyad code` on each
# tests/golden/cases/*/input must finish with no invalid access, no uninitialised use and no leak
# (--leak-check=full, definite and indirect leaks are errors), and print the same events as
# without valgrind. Named test_slow_ so `make asan` skips it (valgrind cannot run an ASan binary); skips when valgrind is missing
# (tools/install-test-deps.sh installs it). Env: DYAD (binary), DYAD_ROOT (repo root).
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIP: valgrind is not installed (run tools/install-test-deps.sh)"; exit 0
fi
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
for dir in "$ROOT"/tests/golden/cases/*/; do
  name=$(basename "$dir")
  read -r -a args < "$dir/args" || true
  (cd "$dir" && "$DYAD" code "${args[@]}" input > "$TMP/plain.out" 2>/dev/null)
  (cd "$dir" && timeout 600 valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
     --error-exitcode=99 --log-file="$TMP/vg.log" "$DYAD" code "${args[@]}" input > "$TMP/vg.out" 2>/dev/null)
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $name: valgrind exit $rc"; head -60 "$TMP/vg.log"; fail=$((fail + 1))
  elif ! cmp -s "$TMP/plain.out" "$TMP/vg.out"; then
    echo "FAIL $name: output under valgrind differs"; fail=$((fail + 1))
  else
    echo "ok   $name: no memcheck error, no leak ($(grep -c . "$TMP/vg.out") events)"; pass=$((pass + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
