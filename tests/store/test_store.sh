#!/usr/bin/env bash
# test_store.sh - the event store end to end (docs/store.md): ingesting the sample and the seed
# report twice gives the same counts; the seed report's claim and commitment are found; a locked,
# read-only or corrupt store gives a clear error and its exit status; export formats parse.
# Env: DYAD (binary), DYAD_ROOT (repo root). Prints "N passed, N failed"; exits 1 on a failure.
. "$(dirname "$0")/lib.sh"
q() { timeout 60 "$DYAD" query "$@" 2>"$TMP/err"; }

SEED=$ROOT/../shared/samples/seed-article.txt
SAMPLE=$ROOT/samples/sample-article.txt
DB=$TMP/s.db
export DYAD_BUSY_TIMEOUT=300

timeout 60 "$DYAD" ingest --db "$DB" --date 2023-08-18 "$SAMPLE" 2>"$TMP/err"; rc=$?
check "ingest the sample exits 0" [ "$rc" -eq 0 ]
check "nothing on stderr when piped" [ ! -s "$TMP/err" ]
if [ -f "$SEED" ]; then
  timeout 60 "$DYAD" ingest --db "$DB" --date 2024-06-19 "$SEED" 2>"$TMP/err"
  check "ingest the seed report exits 0" [ $? -eq 0 ]
else
  echo "skip seed report checks: $SEED is absent"
fi
q stats --db "$DB" --format csv >"$TMP/stats1"
timeout 60 "$DYAD" ingest --db "$DB" --date 2023-08-18 "$SAMPLE" ${SEED:+$( [ -f "$SEED" ] && echo "$SEED")} 2>"$TMP/err"
q stats --db "$DB" --format csv >"$TMP/stats2"
check "ingesting again adds nothing (same stats)" cmp -s "$TMP/stats1" "$TMP/stats2"
check "stats has the documented columns" grep -qx 'documents,events,merged_events,mentions,claims,commitments,actors' "$TMP/stats1"
check "documents counted" $PY -c "import sys; r=open(sys.argv[1]).read().split(); assert int(r[1].split(',')[0]) >= 1" "$TMP/stats1"
DYAD_DB=$DB q stats --format json >"$TMP/stats3"
check "DYAD_DB selects the store; JSON is one array" $PY -c "import json,sys; a=json.load(open(sys.argv[1])); assert isinstance(a, list) and a[0]['events'] > 0" "$TMP/stats3"

if [ -f "$SEED" ]; then
  q claims --db "$DB" --about PRK --format json >"$TMP/claims"
  check "claim: North Korea supplying Russia, alleged by USA and KOR, denied by PRK and RUS" $PY - "$TMP/claims" <<'PYEOF'
import json, sys
cs = json.load(open(sys.argv[1]))
hit = [c for c in cs if c["actor"] == "PRK" and c["target"] == "RUS" and c["action"] == "07"]
assert hit, cs
c = hit[0]
assert c["summary"].startswith("North Korea supplying Russia"), c["summary"]
assert c["alleged_by"] == "USA and KOR", c["alleged_by"]
assert c["denied_by"] == "PRK and RUS", c["denied_by"]
assert {s["stance"] for s in c["stances"]} == {"allege", "deny"}
assert all(s["evidence"] for s in c["stances"])
PYEOF
  q commitments --db "$DB" --party PRK --format json >"$TMP/commit"
  check "commitment: Russia-North Korea partnership with mutual assistance" $PY - "$TMP/commit" <<'PYEOF'
import json, sys
cs = json.load(open(sys.argv[1]))
hit = [c for c in cs if c["parties"] == "PRK,RUS" and c["kind"] == "mutual-defence"]
assert hit, cs
c = hit[0]
assert c["form"] == "agreement" and "mutual assistance" in c["clause"], c
assert c["reports"] >= 2 and len(c["evidence"]) == c["reports"]
PYEOF
  q commitments --db "$DB" --party ZZZ --format json >"$TMP/none"
  check "commitments --party ZZZ finds none" $PY -c "import json,sys; assert json.load(open(sys.argv[1])) == []" "$TMP/none"
  q events --db "$DB" --dyad RUS PRK --format json >"$TMP/ev"
  check "events --dyad RUS PRK: both directions, prefix match, merged counts" $PY - "$TMP/ev" <<'PYEOF'
import json, sys
es = json.load(open(sys.argv[1]))
dirs = {(e["source"][:3], e["target"][:3]) for e in es}
assert dirs == {("RUS", "PRK"), ("PRK", "RUS")}, dirs
assert any(e["source"] == "RUSGOV" for e in es)
assert any(e["mentions"] > 1 and e["merge_reason"].startswith(str(e["mentions"]) + " reports") for e in es)
assert all(e["articles"] >= 1 and e["evidence"] for e in es)
PYEOF
  q events --db "$DB" --dyad RUS PRK --directed --format json >"$TMP/evd"
  check "--directed keeps one direction" $PY -c "import json,sys; es=json.load(open(sys.argv[1])); assert es and all(e['source'].startswith('RUS') for e in es)" "$TMP/evd"
  q events --db "$DB" --text "arms supplies" --format json >"$TMP/evt"
  check "--text searches evidence (FTS5)" $PY -c "import json,sys; es=json.load(open(sys.argv[1])); assert es and all('arms supplies' in e['evidence'] for e in es)" "$TMP/evt"
  q events --db "$DB" --code 112 --since 2024-06-01 --until 2024-06-30 --format csv >"$TMP/evc"
  check "--code and dates; CSV has a header" $PY -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); assert r and all(x['code'].startswith('112') for x in r)" "$TMP/evc"
  q series --db "$DB" --dyad RUS PRK --by month --format json >"$TMP/ser"
  check "series by month: counts by quad, Goldstein, tension" $PY - "$TMP/ser" <<'PYEOF'
import json, sys
rows = json.load(open(sys.argv[1]))
june = [r for r in rows if r["period"] == "2024-06"][0]
assert june["events"] == june["verbal_cooperation"] + june["material_cooperation"] + june["verbal_conflict"] + june["material_conflict"]
assert june["goldstein_sum"] > 0 and 0 <= june["tension"] <= 100
PYEOF
  q actors --db "$DB" --name Korea --format json >"$TMP/act"
  check "actors --name" $PY -c "import json,sys; a=json.load(open(sys.argv[1])); assert any(x['code']=='PRK' for x in a)" "$TMP/act"
fi

timeout 60 "$DYAD" export --db "$DB" --format csv >"$TMP/x.csv" 2>"$TMP/err"
check "export csv: GDELT-like columns" $PY -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); assert r and {'NumMentions','NumSources','SOURCEURL','EventCode'} <= set(r[0])" "$TMP/x.csv"
timeout 60 "$DYAD" export --db "$DB" --format jsonl >"$TMP/x.jsonl" 2>"$TMP/err"
check "export jsonl: events, merged events, claims, commitments" $PY -c "import json,sys; k={json.loads(l)['record'] for l in open(sys.argv[1])}; assert {'event','merged_event'} <= k, k" "$TMP/x.jsonl"
timeout 60 "$DYAD" export --db "$DB" --format plover >"$TMP/x.plover" 2>"$TMP/err"
check "export plover: one record per merged event" $PY -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])]; assert r and all('event_type' in x and 'num_mentions' in x for x in r)" "$TMP/x.plover"

# every query's JSON against its schema in docs/ (when python3-jsonschema is installed)
if $PY -c "import jsonschema" 2>/dev/null; then
  for w in "events" "series --dyad USA JPN" "claims" "commitments" "actors" "dyads" "stats" "sanctions"; do
    set -- $w
    q $w --db "$DB" --format json >"$TMP/q.json"
    check "query $1 JSON matches docs/query-$1.schema.json" $PY -c "
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" "$TMP/q.json" "$ROOT/docs/query-$1.schema.json"
  done
else
  echo "skip schema checks: python3-jsonschema is not installed"
fi

# ---- errors ----
q stats --db "$TMP/missing.db" >/dev/null; rc=$?
check "query on a missing store: exit 1 and advice" bash -c "[ $rc -eq 1 ] && grep -q 'run dyad ingest first' '$TMP/err'"
head -c 8192 /dev/urandom >"$TMP/junk.db"
timeout 60 "$DYAD" ingest --db "$TMP/junk.db" "$SAMPLE" 2>"$TMP/err"; rc=$?
check "corrupt store: exit 7 and a clear message" bash -c "[ $rc -eq 7 ] && grep -q 'not a dyad store or is damaged' '$TMP/err'"
q stats --db "$TMP/junk.db" >/dev/null; rc=$?
check "corrupt store for query: exit 7" [ "$rc" -eq 7 ]
# a writer holding the lock (python's sqlite3) while ingest waits 300 ms
$PY - "$DB" "$TMP/locked" <<'PYEOF' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(4)
c.execute("ROLLBACK")
PYEOF
lockpid=$!
for _ in $(seq 50); do [ -f "$TMP/locked" ] && break; sleep 0.1; done
echo "Japan signed a trade agreement with Canada." >"$TMP/new.txt"
timeout 60 "$DYAD" ingest --db "$DB" --date 2024-01-01 "$TMP/new.txt" 2>"$TMP/err"; rc=$?
check "locked store: exit 5 and 'locked'" bash -c "[ $rc -eq 5 ] && grep -q 'locked by another process' '$TMP/err'"
q stats --db "$DB" --format csv >"$TMP/stats4"; rc=$?
check "a reader still reads while a writer holds the lock" bash -c "[ $rc -eq 0 ] && cmp -s '$TMP/stats1' '$TMP/stats4'"
wait "$lockpid"
# read-only: as root, drop privileges to nobody so permissions apply
mkdir -p "$TMP/ro" && cp "$DB" "$TMP/ro/s.db" && chmod 755 "$TMP/ro" && chmod 644 "$TMP/ro/s.db" && chmod 755 "$TMP"
RUNAS=()
[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && RUNAS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" -ne 0 ] || [ ${#RUNAS[@]} -gt 0 ]; then
  [ "$(id -u)" -ne 0 ] && chmod 555 "$TMP/ro" && chmod 444 "$TMP/ro/s.db"
  "${RUNAS[@]}" timeout 60 "$DYAD" ingest --db "$TMP/ro/s.db" --date 2024-01-01 "$TMP/new.txt" 2>"$TMP/err"; rc=$?
  check "read-only store: exit 6 and 'cannot write'" bash -c "[ $rc -eq 6 ] && grep -q 'cannot write the database' '$TMP/err'"
  chmod 755 "$TMP/ro"
else
  echo "skip read-only check: running as root without setpriv"
fi
timeout 10 "$DYAD" query nonsense >/dev/null 2>&1; rc=$?
check "unknown query: exit 2" [ "$rc" -eq 2 ]
timeout 10 "$DYAD" query events --db "$DB" --since 2024-13-45 >/dev/null 2>&1; rc=$?
check "bad --since: exit 2" [ "$rc" -eq 2 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
