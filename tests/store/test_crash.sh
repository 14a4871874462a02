#!/usr/bin/env bash
# test_crash.sh - the store survives kill -9: a generated corpus of at least 500 documents (JSON
# lines) is ingested clean once; then ingest runs are killed with SIGKILL at random moments, and
# after each kill PRAGMA integrity_check must say ok and no document may be partial (its events,
# merge links all present); a final resumed run must reach exactly the clean run's stats. Also:
# a reader can query while an ingest runs. Env: DYAD, DYAD_ROOT. Prints "N passed, N failed".
. "$(dirname "$0")/lib.sh"

CORPUS=$TMP/c.jsonl
$PY "$ROOT/bench/gen_corpus.py" --mb 1.5 --jsonl --seed 7 --out "$CORPUS" >/dev/null 2>&1
docs=$(wc -l <"$CORPUS")
check "corpus has at least 500 documents ($docs)" [ "$docs" -ge 500 ]

t0=$(date +%s.%N)
timeout 120 "$DYAD" ingest --db "$TMP/clean.db" --batch 25 "$CORPUS" 2>/dev/null
clean_s=$($PY -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$(date +%s.%N)")
"$DYAD" query stats --db "$TMP/clean.db" --format csv >"$TMP/clean.stats"
check "clean run stored every document" $PY -c "import sys; v=open(sys.argv[1]).read().split()[1].split(','); assert int(v[0]) == int(sys.argv[2]), v" "$TMP/clean.stats" "$docs"

# consistent DB: integrity ok, every document whole (events counted = events stored, each linked)
consistent() {
  $PY - "$1" <<'PYEOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
if not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
    sys.exit(0)   # killed before the schema was committed: an empty store
bad = c.execute("SELECT count(*) FROM documents d WHERE d.events <> (SELECT count(*) FROM events e WHERE e.doc = d.id)").fetchone()[0]
assert bad == 0, "partial documents: %d" % bad
orphans = c.execute("SELECT count(*) FROM events e LEFT JOIN merge_links l ON l.event = e.id WHERE l.event IS NULL").fetchone()[0]
assert orphans == 0, "events without a merge link: %d" % orphans
stray = c.execute("SELECT count(*) FROM events e LEFT JOIN documents d ON d.id = e.doc WHERE d.id IS NULL").fetchone()[0]
assert stray == 0, "events without a document: %d" % stray
PYEOF
}

DB=$TMP/k.db
kills=0 allok=1
# each run is killed after 10-35% of a clean run's time, so most kills land mid-batch
for i in 1 2 3 4 5 6 7 8; do
  "$DYAD" ingest --db "$DB" --batch 25 "$CORPUS" 2>/dev/null &
  pid=$!
  # the first run starts from an empty store, so an early kill always lands mid-way, however
  # loaded the machine is; later runs resume and may finish before their kill
  lo=0.1; hi=0.35; [ "$i" -eq 1 ] && { lo=0.02; hi=0.05; }
  sleep "$($PY -c "import random, sys; print(round(random.uniform(float(sys.argv[2]), float(sys.argv[3])) * float(sys.argv[1]), 3))" "$clean_s" "$lo" "$hi")"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  consistent "$DB" || { allok=0; echo "     | after kill $i"; }
done
check "after $kills SIGKILLs: integrity ok, no partial documents" [ "$allok" -eq 1 ]
check "at least one run was killed mid-way" [ "$kills" -ge 1 ]
timeout 120 "$DYAD" ingest --db "$DB" --batch 25 "$CORPUS" 2>/dev/null
"$DYAD" query stats --db "$DB" --format csv >"$TMP/resumed.stats"
check "resumed run reaches the clean run's stats" cmp -s "$TMP/clean.stats" "$TMP/resumed.stats"
[ -s "$TMP/resumed.stats" ] && ! cmp -s "$TMP/clean.stats" "$TMP/resumed.stats" && { cat "$TMP/clean.stats" "$TMP/resumed.stats" | sed 's/^/     | /'; }

"$DYAD" query stats --db "$DB" --format json >"$TMP/resumed.json"
check "the counts kept at ingest equal the rows after the kills" $PY - "$DB" "$TMP/resumed.json" <<'PYEOF'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
s = json.load(open(sys.argv[2]))[0]
n = lambda q: c.execute(q).fetchone()[0]
assert s["documents"] == n("SELECT count(*) FROM documents") and s["events"] == n("SELECT count(*) FROM events"), s
assert s["merged_events"] == n("SELECT count(*) FROM happenings") and s["claims"] == n("SELECT count(*) FROM claims"), s
assert s["commitments"] == n("SELECT count(*) FROM commitments"), s
assert s["mentions"] == n("SELECT count(*) FROM (SELECT DISTINCT l.happening, e.doc, e.sent FROM merge_links l JOIN events e ON e.id = l.event)"), s
PYEOF

# a reader queries while an ingest writes
"$DYAD" ingest --db "$TMP/r.db" --batch 10 "$CORPUS" 2>/dev/null &
pid=$!
reads=0 readfail=0
while kill -0 "$pid" 2>/dev/null; do
  if [ -f "$TMP/r.db" ]; then
    if "$DYAD" query stats --db "$TMP/r.db" --format csv >/dev/null 2>"$TMP/rerr"; then reads=$((reads + 1));
    elif ! grep -q 'store is empty' "$TMP/rerr"; then readfail=$((readfail + 1)); cat "$TMP/rerr"; fi
  fi
  sleep 0.05
done
wait "$pid"; rc=$?
check "ingest with a concurrent reader exits 0" [ "$rc" -eq 0 ]
check "the reader read $reads times during the ingest, never failed" bash -c "[ $reads -ge 1 ] && [ $readfail -eq 0 ]"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
