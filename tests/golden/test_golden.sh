#!/usr/bin/env bash
# Golden whole-pipeline tests: each tests/golden/cases/<case>/ holds `input`, `args` (options for
# `dyad code`) and `expected`: the reviewed events, one per line, projected by project.py onto the
# fields a reviewer judges (actors, code, mode, attribution, rule id, date, evidence span) so that
# editing an unrelated dictionary line does not churn them. After a reviewed change, refresh with:
#     tests/golden/test_golden.sh --update      (then read `git diff tests/golden` before committing)
set -u
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
dyad=${DYAD:-$root/build/dyad}
update=0
[ "${1:-}" = "--update" ] && update=1
pass=0 fail=0
for dir in "$root"/tests/golden/cases/*/; do
  name=$(basename "$dir")
  [ -e "$dir/input" ] || { echo "FAIL $name: no input"; fail=$((fail + 1)); continue; }
  read -r -a args < "$dir/args" || true
  got=$(cd "$dir" && "$dyad" code "${args[@]}" input 2>/dev/null)
  rc=$?
  got=$(printf '%s\n' "$got" | /usr/bin/python3 "$root/tests/golden/project.py")
  if [ "$update" = 1 ]; then
    printf '%s\n' "$got" > "$dir/expected"
    echo "updated $name ($(printf '%s\n' "$got" | grep -c . ) events)"
    continue
  fi
  if [ $rc -ne 0 ]; then echo "FAIL $name: dyad exited $rc"; fail=$((fail + 1)); continue; fi
  if [ ! -f "$dir/expected" ]; then echo "FAIL $name: no expected output (run with --update and review)"; fail=$((fail + 1)); continue; fi
  if diff -u "$dir/expected" <(printf '%s\n' "$got") > /tmp/golden-$$.diff; then
    echo "ok   $name"; pass=$((pass + 1))
  else
    echo "FAIL $name: output differs from expected:"; head -40 /tmp/golden-$$.diff; fail=$((fail + 1))
  fi
  rm -f /tmp/golden-$$.diff
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
