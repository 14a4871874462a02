#!/usr/bin/env bash
# test_io_failures.sh - input and output that fail under dyad (issue #8): a reader that closes the
# pipe early, a full output device, an input file that is gone, and a store that cannot grow
# (file-size limit) in the middle of an ingest. Each must give a clear message and a non-zero exit
# status, never a crash, and the store must keep what it held, intact. Read-only and locked
# stores are tested in tests/store/test_store.sh.
. "$(dirname "$0")/../store/lib.sh"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87"
[ -x "$DYAD" ] || { echo "FAIL dyad binary not found at $DYAD (build first)"; echo "0 passed, 1 failed"; exit 1; }

# A corpus large enough that its events overflow a pipe's buffer.
$PY "$ROOT/bench/gen_corpus.py" --mb 1 --out "$TMP/corpus.txt" >/dev/null 2>&1
check "corpus generated" test -s "$TMP/corpus.txt"

# 1. The reader goes away after one line: exit 1 and a message, not a signal or a sanitizer report.
"$DYAD" code --date 2024-06-19 "$TMP/corpus.txt" 2>"$TMP/err" | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
check "closed pipe: exit status 1 (got $rc)" [ "$rc" -eq 1 ]
check "closed pipe: says the output could not be written" grep -q 'cannot write output' "$TMP/err"

# 2. A full output device.
"$DYAD" code --date 2024-06-19 "$TMP/corpus.txt" >/dev/full 2>"$TMP/err"
rc=$?
check "full device: exit status 1 (got $rc)" [ "$rc" -eq 1 ]
check "full device: names the cause" grep -q 'No space left on device' "$TMP/err"

# 3. An input that is gone: named in the message, the other inputs still coded.
"$DYAD" code --date 2024-06-19 "$TMP/gone.txt" "$ROOT/samples/sample-article.txt" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "missing input: exit status 1 (got $rc)" [ "$rc" -eq 1 ]
check "missing input: names the file" grep -q "gone.txt" "$TMP/err"
check "missing input: the other file is still coded" test -s "$TMP/out"

# 4. The store cannot grow mid-ingest (ulimit -f, with SIGXFSZ ignored so the write fails with
#    EFBIG as on a full disk): exit 6 with advice, and the documents stored before are all there.
DB=$TMP/store.db
"$DYAD" ingest --db "$DB" --date 2024-06-19 "$ROOT/samples" >/dev/null 2>"$TMP/err"
check "store: first ingest" [ $? -eq 0 ]
before=$("$DYAD" query stats --db "$DB" 2>/dev/null)
(trap '' XFSZ; ulimit -f 2000; exec "$DYAD" ingest --db "$DB" --date 2024-06-19 "$TMP/corpus.txt") >/dev/null 2>"$TMP/err"
rc=$?
check "store full: exit status 6 (got $rc)" [ "$rc" -eq 6 ]
check "store full: says what to do" grep -q 'free disk space' "$TMP/err"
after=$("$DYAD" query stats --db "$DB" 2>/dev/null)
check "store full: what was stored before is unchanged" [ -n "$before" ] && [ "$before" = "$after" ]
check "store full: integrity_check ok" $PY -c "import sqlite3,sys; sys.exit(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0] != 'ok')" "$DB"
"$DYAD" ingest --db "$DB" --date 2024-06-19 "$TMP/corpus.txt" >/dev/null 2>"$TMP/err"
check "store full: the same ingest completes once space is back" [ $? -eq 0 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
