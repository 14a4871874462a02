#!/usr/bin/env bash
# test_eval_gold.sh - `dyad eval gold` on a three-line fixture: the report's shape (MISS/EXTRA
# lines, root and full precision/recall/F1, "N passed, N failed"), --floor's exit status, and
# usage errors. The fixture's second line has a gold code no dictionary produces (1999), so the
# F1 is below 1 whatever the dictionaries become.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
FIX=$ROOT/tests/eval/fixtures/gold_small.jsonl
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
out=$("$DYAD" eval gold "$FIX" 2>&1); rc=$?
check "eval gold exits 0 without a floor" "[ $rc -eq 0 ]"
check "root line" "grep -qE '^root: precision [0-9.]+ recall [0-9.]+ F1 [0-9.]+ \\(tp [0-9]+, fp [0-9]+, fn [0-9]+\\)$' <<<\"\$out\""
check "full line" "grep -qE '^full: precision [0-9.]+ recall [0-9.]+ F1 [0-9.]+' <<<\"\$out\""
check "the impossible gold event is a miss, with its sentence" "grep -qF 'MISS g2: PRK - 1999 | North Korea fired a missile on Tuesday.' <<<\"\$out\""
check "three sentences counted" "tail -n 1 <<<\"\$out\" | awk '{exit !(\$1 + \$3 == 3 && \$2 == \"passed,\" && \$4 == \"failed\")}'"
"$DYAD" eval gold "$FIX" --floor 1.0 >/dev/null 2>&1
check "--floor 1.0 exits 1 (F1 < 1)" "[ $? -eq 1 ]"
"$DYAD" eval gold "$FIX" --floor 0 >/dev/null 2>&1
check "--floor 0 exits 0" "[ $? -eq 0 ]"
"$DYAD" eval gold "$FIX" --floor abc >/dev/null 2>&1
check "--floor abc is a usage error" "[ $? -eq 2 ]"
"$DYAD" eval nonsense "$FIX" >/dev/null 2>&1
check "unknown eval mode is a usage error" "[ $? -eq 2 ]"
"$DYAD" eval gold /nonexistent.jsonl >/dev/null 2>&1
check "unreadable file exits 1" "[ $? -eq 1 ]"
bad=$(mktemp)
trap 'rm -f "$bad"' EXIT
printf '{"id":"x","text":"Hi."}\nnot json\n' >"$bad"
"$DYAD" eval gold "$bad" >/dev/null 2>&1
check "malformed lines exit 1" "[ $? -eq 1 ]"
# claims and irrealis are not scored: only the accusation is gold, and a scorer that counted the
# alleged shelling or the hypothetical strike would report an extra
claims=$(mktemp)
printf '%s\n' '{"id":"c1","text":"Ukraine accused Russia of shelling Kharkiv.","date":"2025-01-10","gold":[{"source":"UKR","target":"RUS","code":"112"}]}' \
  '{"id":"c2","text":"Moscow could strike weapons depots in Poland, Russia warned.","date":"2025-01-10","gold":[{"source":"RUS","target":"POL","code":"138"}]}' >"$claims"
out=$("$DYAD" eval gold "$claims" 2>&1)
check "alleged content is not an extra" "! grep -q '^EXTRA c1' <<<\"\$out\""
check "hypothetical content is not an extra" "! grep -qE '^EXTRA c2: RUS POL 19' <<<\"\$out\""
rm -f "$claims"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
