#!/usr/bin/env bash
# test_jobs.sh - `dyad code --jobs N` writes byte for byte what one thread writes, in input order:
# on the golden cases, the samples (several files in one run), a generated corpus (JSON lines and
# text, JSON/TSV/explain output), stdin, and input with a broken record; plus --jobs usage errors
# and a failing output. Env: DYAD (binary), DYAD_ROOT (repo root). Prints "N passed, N failed".
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=$(realpath "${DYAD:-$ROOT/build/dyad}")
PY=/usr/bin/python3
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }

# same DESC ARGS... : runs dyad code ARGS with --jobs 1, 2 and 4 (standard input from $STDIN);
# all outputs and exit statuses must be identical, and the output must not be empty.
STDIN=/dev/null
same() {
  local desc=$1; shift
  timeout 120 "$DYAD" code --jobs 1 "$@" <"$STDIN" >"$TMP/j1" 2>"$TMP/e1"; local rc1=$?
  for n in 2 4; do
    timeout 120 "$DYAD" code --jobs $n "$@" <"$STDIN" >"$TMP/j$n" 2>"$TMP/e$n"; local rcn=$?
    if [ $rcn -ne $rc1 ]; then bad "$desc: --jobs $n exited $rcn, --jobs 1 exited $rc1"; head -5 "$TMP/e$n"; return; fi
    if ! cmp -s "$TMP/j1" "$TMP/j$n"; then bad "$desc: --jobs $n output differs"; cmp "$TMP/j1" "$TMP/j$n"; return; fi
  done
  if [ ! -s "$TMP/j1" ]; then bad "$desc: no output at all"; return; fi
  ok "$desc ($(wc -l <"$TMP/j1") lines, exit $rc1)"
}

for dir in "$ROOT"/tests/golden/cases/*/; do
  read -r -a args < "$dir/args" || true
  pushd "$dir" >/dev/null && same "golden $(basename "$dir")" "${args[@]}" input && popd >/dev/null
done
same "samples, three files in one run" --date 2024-06-19 "$ROOT/samples/sample-article.txt" \
  "$ROOT/samples/sample-article.html" "$ROOT/samples/sample.jsonl"

$PY "$ROOT/bench/gen_corpus.py" --mb 3 --seed 11 --jsonl --out "$TMP/c.jsonl" >/dev/null 2>&1
$PY "$ROOT/bench/gen_corpus.py" --mb 0.3 --seed 12 --out "$TMP/c.txt" >/dev/null 2>&1
same "generated corpus, JSON lines in, JSON out" --format jsonl "$TMP/c.jsonl"
cp "$TMP/j1" "$TMP/c.events"
same "generated corpus, TSV out" --tsv "$TMP/c.jsonl"
same "generated corpus, explain out" --explain "$TMP/c.jsonl"
same "generated text, one large document" --date 2024-01-02 "$TMP/c.txt"
STDIN=$TMP/c.jsonl same "standard input" --format jsonl -

# A broken record in the middle: the rest is coded, the exit status is 1 for every --jobs.
head -200 "$TMP/c.jsonl" > "$TMP/broken.jsonl"
echo '{"id": "x", "text": ' >> "$TMP/broken.jsonl"
sed -n 201,400p "$TMP/c.jsonl" >> "$TMP/broken.jsonl"
same "broken record among 400" --format jsonl "$TMP/broken.jsonl"
if [ "$(cat "$TMP/e1")" = "$(cat "$TMP/e4")" ] && grep -q 'broken.jsonl:201:' "$TMP/e4"; then ok "broken record reported with FILE:LINE"
else bad "broken record report differs: $(head -2 "$TMP/e4")"; fi

# Input order is kept although documents differ wildly in length (1 to 400 sentences).
$PY - "$TMP/c.jsonl" "$TMP/mixed.jsonl" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")][:300]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i, d in enumerate(docs):
        if i % 50 == 0:
            d["text"] = "\n\n".join(x["text"] for x in docs[i:i + 30])
        elif i % 3 == 0:
            d["text"] = d["text"].split("\n\n")[1] if "\n\n" in d["text"] else d["text"]
        f.write(json.dumps(d) + "\n")
EOF
same "documents of very different lengths" --format jsonl "$TMP/mixed.jsonl"

# Usage and output failures.
for v in x -1 65 "" 2x; do
  timeout 10 "$DYAD" code --jobs "$v" "$ROOT/samples/sample-article.txt" >/dev/null 2>"$TMP/err"; rc=$?
  if [ $rc -eq 2 ] && grep -q -- '--jobs' "$TMP/err"; then ok "--jobs '$v' is a usage error"; else bad "--jobs '$v': exit $rc"; fi
done
timeout 10 "$DYAD" code --jobs >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok "--jobs without a value is a usage error" || bad "--jobs without a value: exit $rc"
timeout 60 "$DYAD" code --jobs 0 --format jsonl "$TMP/c.jsonl" | cmp -s - "$TMP/c.events" \
  && ok "--jobs 0 (one per core) writes the same" || bad "--jobs 0 output differs"
if [ -w /dev/full ]; then
  timeout 60 "$DYAD" code --jobs 3 --format jsonl "$TMP/c.jsonl" >/dev/full 2>"$TMP/err"; rc=$?
  if [ $rc -eq 1 ] && grep -q 'cannot write output' "$TMP/err"; then ok "a full disk ends the run with exit 1"
  else bad "output to /dev/full: exit $rc, $(head -2 "$TMP/err")"; fi
fi
timeout 60 "$DYAD" code --jobs 2 --format jsonl "$TMP/c.jsonl" 2>/dev/null | head -3 > "$TMP/head"; rc=${PIPESTATUS[0]}
if [ $rc -eq 1 ] && [ "$(wc -l <"$TMP/head")" -eq 3 ]; then ok "a closed pipe stops the workers (exit 1)"
else bad "closed pipe: exit $rc"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
