#!/usr/bin/env bash
# test_slow_limits.sh - the long size limits (CTest label `slow`, which `make asan` skips): a
# 200 MB single line, 1,000,000 tiny JSON lines documents in constant memory, a dictionary with
# 1,000,000 entries, a file over the 1 GiB input cap (refused with a message), and a 1 MB chain
# of reported speech. Each case runs under `timeout` with its peak RSS measured and prints one
# line; the script ends with "N passed, N failed". Env: DYAD, DYAD_ROOT, DYAD_LIMITS_SCALE.
set -u
. "$(dirname "$0")/limits_lib.sh"
DATE=(--date 2024-01-01)
lines_are() { CHECK_WHY="expected $1 events, got $(wc -l <"$OUT")"; [ "$(wc -l <"$OUT")" -eq "$1" ]; }
some_events() { CHECK_WHY="expected events with valid JSON first and last lines"
  [ -s "$OUT" ] && head -n 1 "$OUT" | $PY -c 'import json,sys; json.loads(sys.stdin.read())' 2>/dev/null &&
    tail -n 1 "$OUT" | $PY -c 'import json,sys; json.loads(sys.stdin.read())' 2>/dev/null; }
refused() { CHECK_WHY="expected exit 1 and a message containing '$1'"; [ "$rc" -eq 1 ] && grep -q "$1" "$ERR"; }

# --- a 200 MB single line: bounded time (measured ~40 s) and memory (measured ~420 MB) -------
$PY - "$TMP/line.txt" <<'PYEOF'
import random, sys
words = ("the officials from France and Germany said that talks with Russia would continue while "
         "China and Japan signed nothing and the United Nations urged calm in the region").split()
rnd = random.Random(200)
chunk = " ".join(rnd.choice(words) for _ in range(200000)) + " "
with open(sys.argv[1], "w") as f:
    n = 0
    while n < 200 * 1024 * 1024:
        f.write(chunk)
        n += len(chunk)
PYEOF
measure 180 "$DYAD" code --format text "${DATE[@]}" "$TMP/line.txt"; judge "200 MB single line" 180 2048 some_events
rm -f "$TMP/line.txt" "$OUT"

# --- 1,000,000 tiny documents in one JSON lines file: streamed (measured ~12 s, ~16 MB) ------
$PY -c 'import sys
with open(sys.argv[1], "w") as f:
    for i in range(1000000): f.write("{\"id\":\"%d\",\"text\":\"France praised Germany.\"}\n" % i)' "$TMP/docs.jsonl"
measure 90 "$DYAD" code "${DATE[@]}" "$TMP/docs.jsonl"; judge "1,000,000 tiny JSON lines documents" 90 100 lines_are 1000000
rm -f "$TMP/docs.jsonl" "$OUT"

# --- a dictionary with 1,000,000 entries (measured: stats ~5 s, code ~3 s, check ~15 s, ~380 MB)
gen_dict "$TMP/big" 1000000
printf 'Zqaaaab praised Zqbcdef. France signed a trade agreement with Republic of Zqcexho.\n' >"$TMP/probe.txt"
entries_ok() { CHECK_WHY="expected actors >= 1000000 in dict stats"; [ "$(awk '$1 == "actors" {print $2}' "$OUT")" -ge 1000000 ]; }
coded_big() { CHECK_WHY="expected events with X000001 and X1000000"; grep -q '"code":"X000001"' "$OUT" && grep -q '"code":"X1000000"' "$OUT"; }
measure 60 "$DYAD" dict stats --dict "$TMP/big"; judge "dict stats, 1,000,000 entries" 60 1024 entries_ok
measure 60 "$DYAD" code "${DATE[@]}" --dict "$TMP/big" "$TMP/probe.txt"; judge "coding a sentence with 1,000,000 entries" 60 1024 coded_big
measure 90 "$DYAD" dict check --dict "$TMP/big"; judge "dict check, 1,000,000 entries" 90 1024 true
rm -rf "$TMP/big"

# --- over the 1 GiB input cap: refused with a message (a sparse file; measured ~5 s, ~1 GB) --
truncate -s 1100M "$TMP/huge.txt"
measure 60 "$DYAD" code --format text "${DATE[@]}" "$TMP/huge.txt"; judge "a 1.1 GB text file is refused" 60 2048 refused "larger than 1 GiB"
rm -f "$TMP/huge.txt"

# --- a 1 MB chain of reported speech ("France said France said ..."): mark_speech in parse.c
# once cost the cube of a sentence's clauses (~63 s for 1 MB); now its contrast scan is linear.
$PY -c 'import sys; open(sys.argv[1], "w").write(" ".join(["France said"] * 90000) + " Germany praised Japan.\n")' "$TMP/said.txt"
measure 20 "$DYAD" code "${DATE[@]}" "$TMP/said.txt"; judge "1 MB chain of reported speech in 20 s" 20 200

finish
