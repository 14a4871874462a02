#!/usr/bin/env bash
# The held-out gold set (tests/gold/test.jsonl) scored with `dyad eval gold`: root-level F1 must
# stay at or above the floor, a little under the 0.642 measured at the end of session 3, so a
# regression fails. Its error classes guided sessions 2 and 3, so it is no longer blind; the blind
# figures are test2's and test3's (tests/gold/README.md).
# Raise the floor when the held-out score rises; never lower it quietly.
set -u
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
exec "${DYAD:-$root/build/dyad}" eval gold "$root/tests/gold/test.jsonl" --floor 0.62
