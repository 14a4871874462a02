#!/usr/bin/env bash
# test_schema.sh - codes the three samples with $DYAD and checks that every output line is valid
# under docs/event.schema.json (via validate.py), that each sample yields events, and that the
# "doc" field and the HTML boilerplate handling follow docs/output.md.
# Env: DYAD (the binary, set by CTest), DYAD_ROOT (repo root). Exit 1 when any check fails.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
SCHEMA=$ROOT/docs/event.schema.json
VALIDATE=$ROOT/tests/golden/validate.py
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     | /' <<<"$2" | head -20; }

if [ ! -x "$DYAD" ]; then echo "FAIL dyad binary not found at $DYAD (build first)"; exit 1; fi
if ! $PY -c 'import jsonschema' 2>/dev/null; then
  echo "FAIL python3-jsonschema is missing: run tools/install-test-deps.sh"; exit 1
fi
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT" || exit 1   # so "doc" holds the relative paths given below

# code_and_validate NAME ARGS... : runs dyad, requires exit 0, valid lines and >= 1 event.
code_and_validate() {
  local name=$1; shift
  local out=$TMP/$name.jsonl err=$TMP/$name.err rc
  timeout 120 "$DYAD" code "$@" >"$out" 2>"$err"; rc=$?
  if [ "$rc" -ne 0 ]; then bad "$name: dyad exited $rc (want 0)" "$(cat "$err")"; return 1; fi
  local report
  if report=$($PY "$VALIDATE" "$SCHEMA" "$out" 2>&1); then
    ok "$name: $(wc -l <"$out") events, all valid under the schema"
  else
    bad "$name: output invalid or empty" "$report"; return 1
  fi
}

# field_check NAME PYTHON-EXPR : every event ev in NAME's output must satisfy the expression.
field_check() {
  local name=$1 desc=$2 expr=$3 msg
  if msg=$($PY - "$TMP/$name.jsonl" "$expr" <<'EOF' 2>&1
import json, sys
path, expr = sys.argv[1], sys.argv[2]
bad = 0
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    ev = json.loads(line)
    if not eval(expr, {"ev": ev}):
        bad += 1
        if bad <= 5:
            print("line %d: %s" % (n, line.strip()[:300]))
sys.exit(1 if bad else 0)
EOF
  ); then ok "$name: $desc"; else bad "$name: $desc" "$msg"; fi
}

if code_and_validate text --date 2023-08-18 samples/sample-article.txt; then
  field_check text 'doc is the path as given' 'ev["doc"] == "samples/sample-article.txt"'
  field_check text 'evidence text occurs in the article' \
    'ev["evidence"]["text"] in open("samples/sample-article.txt", encoding="utf-8").read()'
fi

if code_and_validate html samples/sample-article.html; then
  field_check html 'doc is the path as given' 'ev["doc"] == "samples/sample-article.html"'
  field_check html 'no event from page boilerplate (cookie banner, share, newsletter, footer)' \
    'not any(w in ev["evidence"]["text"].lower() for w in ("cookie", "share on", "sign up", "rights reserved", "newsletter"))'
fi

if code_and_validate jsonl samples/sample.jsonl; then
  field_check jsonl 'doc is the record id' \
    'ev["doc"] in ("sample-ceasefire-2023-11-24", "sample-sanctions-2023-02-16", "sample-state-visit-2023-09-20")'
  field_check jsonl 'date is within a year of the record date' \
    'abs(int(ev["date"][:4]) - int(ev["doc"].split("-")[-3])) <= 1'
fi

# The same input through stdin must give the same events, with doc "-".
if timeout 120 "$DYAD" code --date 2023-08-18 <samples/sample-article.txt >"$TMP/stdin.jsonl" 2>"$TMP/stdin.err" &&
   $PY "$VALIDATE" "$SCHEMA" "$TMP/stdin.jsonl" >/dev/null 2>&1; then
  if [ "$(wc -l <"$TMP/stdin.jsonl")" = "$(wc -l <"$TMP/text.jsonl" 2>/dev/null)" ]; then
    ok "stdin: same number of events as the file, all valid"
  else
    bad "stdin: $(wc -l <"$TMP/stdin.jsonl") events from stdin vs $(wc -l <"$TMP/text.jsonl" 2>/dev/null) from the file"
  fi
  field_check stdin 'doc is "-"' 'ev["doc"] == "-"'
else
  bad "stdin: dyad failed or wrote invalid output" "$(cat "$TMP/stdin.err")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
