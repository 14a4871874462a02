#!/usr/bin/env bash
# test_migrate.sh - a store written by schema version 1 (the first release) opens and migrates
# (docs/store.md "Schema"): the fixture is built with the version-1 DDL read out of src/store.c
# (SCHEMA_V1, which is never edited) and filled with the rows of a store the current dyad wrote.
# A reader refuses it and asks for an ingest; one ingest migrates it; the migrated store then has
# the schema of a fresh one and answers every query as the fresh store does, also after more
# documents are ingested into both. Env: DYAD, DYAD_ROOT. Prints "N passed, N failed".
. "$(dirname "$0")/lib.sh"

$PY "$ROOT/bench/gen_corpus.py" --mb 0.3 --jsonl --seed 5 --out "$TMP/a.jsonl" >/dev/null 2>&1
$PY "$ROOT/bench/gen_corpus.py" --mb 0.1 --jsonl --seed 6 --out "$TMP/b.jsonl" >/dev/null 2>&1
timeout 120 "$DYAD" ingest --db "$TMP/new.db" "$TMP/a.jsonl" "$ROOT/samples" 2>"$TMP/err"
check "a fresh store" [ $? -eq 0 ]

# the version-1 fixture: SCHEMA_V1 from the source, the fresh store's rows in its columns
$PY - "$ROOT/src/store.c" "$TMP/new.db" "$TMP/old.db" >"$TMP/err" 2>&1 <<'PYEOF'
import re, sqlite3, sys
src = open(sys.argv[1]).read()
start = src.index("static const char SCHEMA_V1[] =")
block = src[start:src.index('";\n', start) + 2]
ddl = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
old = sqlite3.connect(sys.argv[3])
old.executescript(ddl)
old.execute("INSERT INTO meta VALUES('schema_version', '1')")
old.execute("INSERT INTO meta VALUES('created_by', 'dyad 0.1.0')")
old.execute("ATTACH ? AS cur", (sys.argv[2],))
tables = [r[0] for r in old.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name <> 'meta' "
                                   "AND name NOT LIKE 'evidence_fts%'")]
for t in tables:
    cols = ",".join(r[1] for r in old.execute("PRAGMA main.table_info(%s)" % t))
    old.execute("INSERT INTO main.%s(%s) SELECT %s FROM cur.%s" % (t, cols, cols, t))
old.execute("INSERT INTO main.evidence_fts(rowid, text) SELECT min(e.id), CAST(substr(CAST(d.text AS BLOB), e.ev_start + 1, "
            "e.ev_end - e.ev_start) AS TEXT) FROM cur.events e JOIN cur.documents d ON d.id = e.doc GROUP BY e.doc, e.sent")
old.commit()
assert len(tables) >= 10, tables
PYEOF
check "a version-1 store built from SCHEMA_V1" [ $? -eq 0 ]

timeout 30 "$DYAD" query stats --db "$TMP/old.db" >/dev/null 2>"$TMP/err"; rc=$?
check "a reader refuses the old version and asks for an ingest (exit 7)" bash -c "[ $rc -eq 7 ] && grep -q 'run dyad ingest once to migrate' '$TMP/err'"
timeout 120 "$DYAD" ingest --db "$TMP/old.db" </dev/null 2>"$TMP/err"
check "an ingest migrates it (exit 0)" [ $? -eq 0 ]
check "the migrated store has the schema of a fresh one (version, tables, indexes)" $PY - "$TMP/new.db" "$TMP/old.db" <<'PYEOF'
import sqlite3, sys
def schema(p):
    c = sqlite3.connect(p)
    return (c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone(),
            sorted(c.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")))
a, b = schema(sys.argv[1]), schema(sys.argv[2])
assert a == b, [x for x in a[1] if x not in b[1]] + [x for x in b[1] if x not in a[1]] + [a[0], b[0]]
PYEOF

# same_answers: every query prints the same on both stores
same_answers() {
  local q
  for q in "stats" "events --limit 100000" "events --dyad USA CHN" "events --text sanctions" "claims" "commitments" \
           "dyads --limit 1000" "series --dyad USA RUS" "actors"; do
    timeout 60 "$DYAD" query $q --db "$TMP/new.db" --format json >"$TMP/a.json" 2>"$TMP/err" || return 1
    timeout 60 "$DYAD" query $q --db "$TMP/old.db" --format json >"$TMP/b.json" 2>"$TMP/err" || return 1
    cmp -s "$TMP/a.json" "$TMP/b.json" || { echo "query $q differs" >"$TMP/err"; return 1; }
  done
}
check "the migrated store answers every query as the fresh one" same_answers
timeout 120 "$DYAD" ingest --db "$TMP/new.db" "$TMP/b.jsonl" 2>"$TMP/err" && timeout 120 "$DYAD" ingest --db "$TMP/old.db" "$TMP/b.jsonl" 2>"$TMP/err"
check "more documents into both" [ $? -eq 0 ]
check "  still the same answers (counts kept after the migration)" same_answers

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
