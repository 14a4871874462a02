#!/usr/bin/env bash
# test_hostile.sh - feeds dyad hostile input (invalid UTF-8 of every class, NUL bytes, random
# binary, empty input, a 14 MB line and a 1 MB sentence without punctuation, 50,000-deep HTML,
# broken JSON lines) and checks it never crashes or hangs: each run, under `timeout 60`, must exit
# 0 or 1, exit 1 only with a "dyad: ..." message, and write only valid JSON lines.
# Env: DYAD (binary, set by CTest), DYAD_ROOT. Prints one line per case and "N passed, N failed".
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
# Sanitizer builds exit 1 on error by default, which would look like a clean rejection.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:print_stacktrace=1"
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/out ERR=$TMP/err
GOOD="France signed a trade agreement with Germany."
LIMIT=${DYAD_HOSTILE_TIMEOUT:-60}   # seconds per case; raise it for sanitizer builds

if [ ! -x "$DYAD" ]; then echo "FAIL dyad binary not found at $DYAD (build first)"; echo "0 passed, 1 failed"; exit 1; fi

# output_problem: prints why $OUT is not valid UTF-8 JSON lines of objects (nothing when it is).
output_problem() {
  $PY "$(dirname "${BASH_SOURCE[0]}")/check_output.py" "$OUT"
}

# verdict DESC SECONDS [EXTRA-CHECK...]: judges the last run (status in $rc) and prints one line.
verdict() {
  local desc=$1 secs=$2; shift 2
  local why=""
  if [ "$rc" -ge 124 ]; then
    if [ "$rc" -eq 124 ]; then why="timed out after $LIMIT s"; else why="crashed (exit $rc)"; fi
  elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then why="exit $rc (want 0 or 1)"
  elif grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$ERR"; then why="sanitizer report"
  elif [ "$rc" -eq 1 ] && ! grep -q '^dyad: ' "$ERR"; then why="exit 1 without a 'dyad: ...' message"
  else
    why=$(output_problem)
    if [ -z "$why" ] && [ $# -gt 0 ] && ! "$@"; then why=${CHECK_WHY:-extra check failed}; fi
  fi
  if [ -z "$why" ]; then
    pass=$((pass + 1)); echo "ok   $desc (exit $rc, ${secs}s, $(wc -l <"$OUT") events)"
  else
    fail=$((fail + 1)); echo "FAIL $desc: $why"
    head -c 800 "$ERR" | sed 's/^/     | stderr: /'
  fi
}

# case_file DESC FILE [DYAD-OPTIONS...] [-- EXTRA-CHECK...]: codes FILE and judges the run.
case_file() {
  local desc=$1 file=$2; shift 2
  local opts=() start end
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  start=$(date +%s)
  timeout "$LIMIT" "$DYAD" code --date 2024-01-01 "${opts[@]}" "$file" >"$OUT" 2>"$ERR"; rc=$?
  end=$(date +%s)
  verdict "$desc" $((end - start)) "$@"
}

# Extra checks.
has_good_event() { CHECK_WHY="no event from the sentence '$GOOD'"
  grep -qF "France signed a trade agreement with Germany" "$OUT"; }
is_empty() { CHECK_WHY="expected exit 0 and no output"; [ "$rc" -eq 0 ] && [ ! -s "$OUT" ]; }
broken_jsonl_ok() { CHECK_WHY="expected exit 1, ':2:' on stderr and events from records 1 and 3"
  [ "$rc" -eq 1 ] && grep -q ':2:' "$ERR" && grep -q '"doc": *"h-1"' "$OUT" && grep -q '"doc": *"h-3"' "$OUT"; }

# --- invalid UTF-8, one file per class, each between two good sentences ---------------------
bad_utf8() {  # NAME BYTES(printf escapes)
  printf '%s Then %b came. %s\n' "$GOOD" "$2" "Japan signed a trade agreement with Canada." >"$TMP/utf8-$1.txt"
  case_file "invalid UTF-8: $1" "$TMP/utf8-$1.txt"
}
bad_utf8 "lone continuation bytes"  '\x80 \xbf \x80\x80\x80'
bad_utf8 "truncated sequences"      '\xe2\x82 \xf0\x9f\x98 \xc3'
bad_utf8 "overlong encodings"       '\xc0\xaf \xc1\xbf \xe0\x80\xaf \xf0\x80\x80\xaf'
bad_utf8 "UTF-16 surrogates"        '\xed\xa0\x80 \xed\xbf\xbf \xed\xa0\xbd\xed\xb8\x80'
bad_utf8 "0xFE and 0xFF bytes"      '\xfe \xff \xfe\xff'
bad_utf8 "beyond U+10FFFF"          '\xf4\x90\x80\x80 \xf5\x80\x80\x80 \xf8\x88\x80\x80\x80'
printf '%s \xe2\x82' "$GOOD" >"$TMP/utf8-eof.txt"
case_file "invalid UTF-8: truncated at end of file" "$TMP/utf8-eof.txt"
printf '{"id":"u","text":"%s \xff\xfe \xc0\xaf"}\n' "$GOOD" >"$TMP/utf8.jsonl"
case_file "invalid UTF-8 inside a JSON lines string" "$TMP/utf8.jsonl"
printf '<html><body><p>%s \xed\xa0\x80 \xff</p></body></html>\n' "$GOOD" >"$TMP/utf8.html"
case_file "invalid UTF-8 inside HTML" "$TMP/utf8.html"

# --- NUL bytes and binary ------------------------------------------------------------------
printf 'France signed\0 a trade\0\0 agreement with Germany.\0\n%s\n' "$GOOD" >"$TMP/nul.txt"
case_file "NUL bytes in text" "$TMP/nul.txt"
printf '{"id":"n","text":"France\\u0000 signed a trade agreement with Germany."}\n' >"$TMP/nul.jsonl"
case_file "escaped NUL (\\u0000) in a JSON lines string" "$TMP/nul.jsonl"
printf '<p>%s</p>\0<p>\0\0</p>\n' "$GOOD" >"$TMP/nul.html"
case_file "NUL bytes in HTML" "$TMP/nul.html"
head -c 1000000 /dev/urandom >"$TMP/random.bin"
case_file "1 MB of random binary" "$TMP/random.bin"
case_file "1 MB of random binary as --format html" "$TMP/random.bin" --format html
case_file "1 MB of random binary as --format jsonl" "$TMP/random.bin" --format jsonl

# --- empty and degenerate input ------------------------------------------------------------
: >"$TMP/empty.txt"
case_file "empty file" "$TMP/empty.txt" -- is_empty
case_file "empty file as --format html" "$TMP/empty.txt" --format html -- is_empty
case_file "empty file as --format jsonl" "$TMP/empty.txt" --format jsonl -- is_empty
head -c 1000000 /dev/zero | tr '\0' '\n' >"$TMP/newlines.txt"
case_file "1 MB of newlines" "$TMP/newlines.txt"
head -c 1000000 /dev/zero | tr '\0' '.' >"$TMP/periods.txt"
case_file "1 MB of periods" "$TMP/periods.txt"
printf '\xef\xbb\xbf%s\r\n%s\r\n' "$GOOD" "$GOOD" >"$TMP/bom-crlf.txt"
case_file "byte order mark and CRLF line ends" "$TMP/bom-crlf.txt" -- has_good_event

# --- huge lines with no sentence end -------------------------------------------------------
$PY - "$TMP/huge14.txt" 14 "$TMP/sentence1.txt" 1 <<'EOF'
import random, sys
# Words include actor names and verbs so the recognizer and parser work on every token.
words = ("the officials from France and Germany said that talks with Russia would continue "
         "while China and Japan signed nothing and the United Nations urged calm in the region "
         "North Korea threatened South Korea ministers met envoys accused troops").split()
rnd = random.Random(14)
for path, mb in ((sys.argv[1], int(sys.argv[2])), (sys.argv[3], int(sys.argv[4]))):
    need = mb * 1024 * 1024
    with open(path, "w") as f:
        size = 0
        while size < need:
            chunk = " ".join(rnd.choice(words) for _ in range(2000)) + " "
            f.write(chunk)
            size += len(chunk)
EOF
case_file "14 MB single line of words, no punctuation" "$TMP/huge14.txt"
case_file "1 MB sentence, no punctuation" "$TMP/sentence1.txt"
{ printf '%s ' "$GOOD"; cat "$TMP/sentence1.txt"; printf '. %s\n' "$GOOD"; } >"$TMP/sentence1-framed.txt"
case_file "1 MB sentence between two good ones" "$TMP/sentence1-framed.txt" -- has_good_event

# --- deep HTML -----------------------------------------------------------------------------
{ printf '<!DOCTYPE html><html><head><title>t</title></head><body>'
  $PY -c 'import sys; sys.stdout.write("<div>" * 50000)'
  printf '<p>%s</p>' "$GOOD"
  $PY -c 'import sys; sys.stdout.write("</div>" * 50000)'
  printf '</body></html>\n'; } >"$TMP/deep.html"
case_file "50,000-deep nested <div> around a sentence" "$TMP/deep.html" -- has_good_event
{ printf '<html><body>'; $PY -c 'import sys; sys.stdout.write("<div><span><b>" * 30000)'
  printf '<p>%s' "$GOOD"; } >"$TMP/deep-unclosed.html"
case_file "90,000 unclosed tags around a sentence" "$TMP/deep-unclosed.html" -- has_good_event
{ printf '<html><body><p title="'; head -c 2000000 /dev/zero | tr '\0' 'x'
  printf '">%s</p><p><!-- unterminated comment %s' "$GOOD" "$GOOD"; } >"$TMP/attr.html"
case_file "2 MB attribute and an unterminated comment" "$TMP/attr.html"

# --- JSON lines ----------------------------------------------------------------------------
printf '%s\n' \
  "{\"id\":\"h-1\",\"text\":\"$GOOD\",\"date\":\"2024-03-01\"}" \
  '{"id":"h-2","text":"Japan signed a trade agreement with Canada.",' \
  "{\"id\":\"h-3\",\"text\":\"$GOOD\",\"date\":\"2024-03-02\"}" >"$TMP/broken.jsonl"
case_file "JSON lines with a broken line in the middle" "$TMP/broken.jsonl" -- broken_jsonl_ok
{ printf '{"id":"deep","text":"%s","x":' "$GOOD"; $PY -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000)'
  printf '}\n{"id":"h-1","text":"%s"}\n' "$GOOD"; } >"$TMP/deep.jsonl"
case_file "JSON line nested 100,000 arrays deep" "$TMP/deep.jsonl"
printf '{"id":"t","text":123}\n{"id":"t2"}\n[1,2,3]\n"text"\n{"id":"t3","html":"<p>%s</p>"}\n' "$GOOD" >"$TMP/types.jsonl"
case_file "JSON lines with wrong types and non-objects" "$TMP/types.jsonl" --format jsonl -- has_good_event

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
