#!/usr/bin/env bash
# One spec case per CAMEO code (tests/spec/codes.txt): asserts that every code in data/cameo.tsv
# (the 20 roots and every 3- and 4-digit code) has a case, then that at least FLOOR cases code as
# written. The floor is today's count; raise it when the grammar improves, never lower it quietly.
set -u
FLOOR=${FLOOR:-311}
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
table="$root/data/cameo.tsv"
cases="$root/tests/spec/codes.txt"
missing=$(comm -23 <(tail -n +2 "$table" | cut -f1 | sort -u) \
                   <(grep -v '^#' "$cases" | grep -v '^[[:space:]]*$' | cut -f1 | sort -u))
if [ -n "$missing" ]; then
  echo "codes.txt has no case for: $(echo $missing)"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "codes.txt covers all $(tail -n +2 "$table" | cut -f1 | sort -u | wc -l) codes of data/cameo.tsv; floor $FLOOR"
exec /usr/bin/python3 "$root/tests/spec/check_spec.py" "${DYAD:-$root/build/dyad}" "$cases" --floor "$FLOOR"
