#!/usr/bin/env bash
# test_cli.sh - checks the dyad command line contract (docs/output.md, man/dyad.1): help and
# version, usage errors, missing and empty files, stdin and "-", JSON lines with a broken record,
# --tsv and --explain. Env: DYAD (binary, set by CTest), DYAD_ROOT (repo root).
# Prints one line per check and "N passed, N failed"; exits 1 when any check fails.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/out ERR=$TMP/err

ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# check DESC CONDITION... : runs the condition (a command); prints ok/FAIL and, on failure,
# the captured stderr and the start of stdout of the last dyad run.
check() {
  local desc=$1; shift
  if "$@"; then ok "$desc"; else
    bad "$desc"
    echo "     | rc=$rc"; head -c 600 "$ERR" | sed 's/^/     | stderr: /'
    head -c 600 "$OUT" | sed 's/^/     | stdout: /'
  fi
}
# run ARGS... : runs dyad with a timeout, stdout to $OUT, stderr to $ERR, status in $rc.
run() { timeout 60 "$DYAD" "$@" >"$OUT" 2>"$ERR"; rc=$?; }
run_in() { local in=$1; shift; timeout 60 "$DYAD" "$@" <"$in" >"$OUT" 2>"$ERR"; rc=$?; }
rc_is()       { [ "$rc" -eq "$1" ]; }
out_has()     { grep -qiF -- "$1" "$OUT"; }
err_has()     { grep -qF -- "$1" "$ERR"; }
out_empty()   { [ ! -s "$OUT" ]; }
err_nonempty(){ [ -s "$ERR" ]; }
not_json()    { ! grep -q '^{' "$OUT"; }
same_lines()  { [ "$(wc -l <"$1")" -eq "$(wc -l <"$2")" ]; }
explain_has_rule() { [ -n "$rule_id" ] && grep -qF -- "$rule_id" "$OUT"; }
# py_out EXPR : EXPR over evs (the list of parsed JSON lines of $OUT) must be true; every
# non-empty line must parse as a JSON object.
py_out() {
  $PY - "$OUT" "$1" <<'EOF'
import json, sys
evs = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if line.strip():
        ev = json.loads(line)
        assert isinstance(ev, dict)
        evs.append(ev)
sys.exit(0 if eval(sys.argv[2], {"evs": evs}) else 1)
EOF
}

if [ ! -x "$DYAD" ]; then echo "FAIL dyad binary not found at $DYAD (build first)"; echo "0 passed, 1 failed"; exit 1; fi

S1="France signed a trade agreement with Germany."
S2="Japan signed a trade agreement with Canada."
echo "$S1" >"$TMP/one.txt"
: >"$TMP/empty.txt"
printf '%s\n' \
  '{"id":"rec-a","text":"France signed a trade agreement with Germany.","date":"2024-01-01"}' \
  '{"id":"rec-b","text": "this record is cut off' \
  '{"id":"rec-c","text":"Japan signed a trade agreement with Canada.","date":"2024-01-02"}' >"$TMP/broken.jsonl"

# --- help, version, usage errors ---------------------------------------------------------
run --help;          check "--help exits 0"                        rc_is 0
                     check "--help prints usage on stdout"         out_has usage
                     check "--help mentions the code command"      out_has code
run --version;       check "--version exits 0"                     rc_is 0
                     check "--version prints a version number"     grep -qE '[0-9]+\.[0-9]+' "$OUT"
run code --help;     check "code --help exits 0"                   rc_is 0
                     check "code --help prints usage with --format" out_has --format
run --no-such-option; check "unknown option exits 2"               rc_is 2
                     check "unknown option: message on stderr"     err_nonempty
                     check "unknown option: nothing on stdout"     out_empty
run frobnicate;      check "unknown command exits 2"               rc_is 2
                     check "unknown command: message on stderr"    err_nonempty
run code --no-such-option "$TMP/one.txt"
                     check "unknown code option exits 2"           rc_is 2
                     check "unknown code option codes nothing"     out_empty
run code --format xml "$TMP/one.txt"
                     check "--format xml exits 2"                  rc_is 2
run code --date not-a-date "$TMP/one.txt"
                     check "--date not-a-date exits 2"             rc_is 2
run code --tsv --explain "$TMP/one.txt"
                     check "--tsv with --explain exits 2"          rc_is 2

# --- files -------------------------------------------------------------------------------
run code --date 2024-01-01 "$TMP/no-such-file.txt"
                     check "missing file exits 1"                  rc_is 1
                     check "missing file: stderr names it"         err_has "no-such-file.txt"
                     check "missing file: stderr starts with dyad:" grep -q '^dyad: ' "$ERR"
run code --date 2024-01-01 "$TMP/no-such-file.txt" "$TMP/one.txt"
                     check "missing file then good file exits 1"   rc_is 1
                     check "good file after a missing one is still coded" \
                       py_out "any(e['doc'] == '$TMP/one.txt' for e in evs)"
run code --date 2024-01-01 "$TMP/empty.txt"
                     check "empty file exits 0"                    rc_is 0
                     check "empty file: no output"                 out_empty
run code --date 2024-01-01 "$TMP/one.txt"
                     check "file: exits 0"                         rc_is 0
                     check "file: doc is the path as given"        py_out "len(evs) > 0 and all(e['doc'] == '$TMP/one.txt' for e in evs)"

# --- stdin -------------------------------------------------------------------------------
echo "$S1" | { timeout 60 "$DYAD" code --date 2024-01-01 >"$OUT" 2>"$ERR"; }; rc=$?
                     check "stdin: exits 0"                        rc_is 0
                     check "stdin: JSON lines with at least one event" py_out "len(evs) >= 1"
                     check "stdin: doc is \"-\" and date is --date" \
                       py_out "all(e['doc'] == '-' and e['date'] == '2024-01-01' for e in evs)"
                     check "stdin: France signs an agreement with Germany (057, FRA -> DEU)" \
                       py_out "any(e['code'] == '057' and (e['source'] or {}).get('code','').startswith('FRA') and (e['target'] or {}).get('code','').startswith('DEU') for e in evs)"
cp "$OUT" "$TMP/stdin.out"
run_in "$TMP/one.txt" code --date 2024-01-01 -
                     check "\"-\" as file: exits 0"                rc_is 0
                     check "\"-\" as file: same output as stdin"   cmp -s "$OUT" "$TMP/stdin.out"

# --- JSON lines with a broken record -------------------------------------------------------
run code --format jsonl "$TMP/broken.jsonl"
                     check "jsonl broken line: exits 1"            rc_is 1
                     check "jsonl broken line: stderr names line 2 (:2:)" err_has ":2:"
                     check "jsonl broken line: stderr names the file" err_has "broken.jsonl"
                     check "jsonl broken line: events from lines 1 and 3 still written" \
                       py_out "{'rec-a', 'rec-c'} <= {e['doc'] for e in evs} and 'rec-b' not in {e['doc'] for e in evs}"
                     check "jsonl broken line: record dates used" \
                       py_out "all(e['date'] == {'rec-a': '2024-01-01', 'rec-c': '2024-01-02'}[e['doc']] for e in evs)"

# --- TSV and explain -----------------------------------------------------------------------
printf '%s\n%s\n' "$S1" "$S2" >"$TMP/two.txt"
run code --date 2024-01-01 "$TMP/two.txt"; cp "$OUT" "$TMP/two.jsonl"
run code --date 2024-01-01 --tsv "$TMP/two.txt"
                     check "--tsv: exits 0"                        rc_is 0
                     check "--tsv: one line per JSON event"        same_lines "$OUT" "$TMP/two.jsonl"
                     check "--tsv: at least one line, 13 tab-separated columns each" \
                       awk -F'\t' 'NF != 13 { bad = 1 } END { exit (bad || NR == 0) }' "$OUT"
                     check "--tsv: column 2 is a date, column 7 a CAMEO code, column 9 a quad" \
                       awk -F'\t' '$2 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ || $7 !~ /^[0-9][0-9][0-9]?[0-9]?$/ || $9 !~ /^[1-4]$/ { bad = 1 } END { exit bad }' "$OUT"
                     check "--tsv: not JSON"                       not_json
rule_id=$($PY -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["rule"]["id"])' "$TMP/two.jsonl" 2>/dev/null)
run code --date 2024-01-01 --explain "$TMP/two.txt"
                     check "--explain: exits 0"                    rc_is 0
                     check "--explain: shows the rule id (${rule_id:-none found})" explain_has_rule
                     check "--explain: shows the sentence"         out_has "$S1"
                     check "--explain: not JSON lines"             not_json

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
