#!/usr/bin/env bash
# test_petrarch_eval.sh - runs PETRARCH2's unit-test records with PETRARCH's own validation
# dictionaries through `dyad eval petrarch` and fails when fewer records pass than the floor.
# Skips (exit 0, with the reason) when ../shared/petrarch2 is absent.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PETR=$ROOT/../shared/petrarch2
FLOOR=${DYAD_PETRARCH_FLOOR:-222}   # records passing when this floor was set (PETRARCH2 itself: 88)
if [ ! -f "$PETR/PETR.UnitTest.records.xml" ]; then
  echo "skip: $PETR/PETR.UnitTest.records.xml not found (the PETRARCH reference data lives outside the tree)"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$DYAD" eval petrarch "$PETR/PETR.UnitTest.records.xml" --dict-format petrarch --dict "$PETR" >"$out" 2>/dev/null
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: dyad eval petrarch exited $rc"; exit 1; fi
summary=$(tail -n 1 "$out")
passed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p' <<<"$summary")
failed=$(sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p' <<<"$summary")
if [ -z "$passed" ]; then echo "FAIL: no summary line from dyad eval petrarch"; exit 1; fi
echo "PETRARCH unit-test records: $passed of $((passed + failed)) pass (floor $FLOOR)"
if [ "$((passed + failed))" -ne 281 ]; then echo "FAIL: expected 281 scored records, got $((passed + failed))"; exit 1; fi
if [ "$passed" -lt "$FLOOR" ]; then
  grep '^FAIL' "$out" | head -n 20
  echo "FAIL: $passed passed, under the floor of $FLOOR"
  exit 1
fi
echo "1 passed, 0 failed"
