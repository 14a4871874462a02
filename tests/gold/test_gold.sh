#!/usr/bin/env bash
# The development gold set (tests/gold/dev.jsonl) scored with `dyad eval gold`: root-level F1 must
# stay at or above the floor (the issue asks for 0.80; raise the floor as the coder improves,
# never lower it quietly). The misses are printed for the log.
set -u
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
exec "${DYAD:-$root/build/dyad}" eval gold "$root/tests/gold/dev.jsonl" --floor 0.89
