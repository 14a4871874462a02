#!/usr/bin/env bash
# test_postgres.sh - dyad's store on PostgreSQL (--db postgresql://...) behaves as on SQLite.
# Starts a throwaway PostgreSQL 15 cluster as user postgres on its own port and socket directory
# (tests/postgres/cluster.sh) and stops it on exit. Checks: the same input ingested into SQLite and
# PostgreSQL answers every query with the same JSON and exports the same CSV and JSON lines; the
# serve API test and the sanctions store test pass on PostgreSQL; ingesting again adds nothing;
# two concurrent ingests of overlapping corpora store every document once, link every event to
# exactly one merged event of its key, and reach the counts of SQLite fed the same documents in the
# order PostgreSQL committed them; a held write lock gives exit 5, a bad URL exit 6, an empty
# database exit 1. Needs root and Debian postgresql (tools/install-test-deps.sh); skips otherwise.
# Env: DYAD (binary), DYAD_ROOT (repo root), DYAD_PG_PORT (default 54329). Prints "N passed, N failed".
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=$(realpath "${DYAD:-$ROOT/build/dyad}")
PY=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null; then echo "SKIP: needs root to run a cluster as user postgres"; exit 0; fi
. "$HERE/cluster.sh"
if [ ! -x "$PGBIN/initdb" ] || ! id postgres >/dev/null 2>&1; then
  echo "SKIP: PostgreSQL 15 is not installed (run tools/install-test-deps.sh as root)"; exit 0
fi
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
chmod 755 "$TMP"
trap 'pg_stop; rm -rf "$TMP"' EXIT
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -s "$TMP/err" ] && head -c 600 "$TMP/err" | sed 's/^/     | /'; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }
status_says() { [ "$1" -eq "$2" ] && grep -q "$3" "$TMP/err"; }   # exit status $1 is $2 and stderr says $3
export DYAD_BUSY_TIMEOUT=2000

PORT=${DYAD_PG_PORT:-54329}
for _ in 1 2 3 4 5; do   # a port another cluster holds: try the next
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  PORT=$((PORT + 1))
done
pg_start "$PORT" || { echo "FAIL could not start a PostgreSQL cluster on port $PORT"; exit 1; }
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAt)
newdb() { "${PSQL[@]}" -d postgres -c "CREATE DATABASE $1" && echo "${PGURL%/postgres}/$1"; }
sql() { local db=$1; shift; "${PSQL[@]}" -d "$db" -c "$*"; }
ok "a throwaway cluster runs on 127.0.0.1:$PORT"

# --- the same input, the same answers ------------------------------------------------------
SEED=$ROOT/../shared/samples/seed-article.txt
LITE=$TMP/l.db
PG=$(newdb same)
for db in "$LITE" "$PG"; do
  timeout 120 "$DYAD" ingest --db "$db" --date 2023-08-18 "$ROOT/samples/sample-article.txt" 2>"$TMP/err" || bad "ingest the sample into $db"
  if [ -f "$SEED" ]; then timeout 120 "$DYAD" ingest --db "$db" --date 2024-06-19 "$SEED" 2>"$TMP/err" || bad "ingest the seed into $db"; fi
done
[ -f "$SEED" ] || echo "skip the seed report: $SEED is absent"
# a generated corpus, in batches of 40 documents: claims with many stances, commitments with later
# events in several 32-day buckets, places (the writer's in-memory claims index and bulk inserts)
$PY "$ROOT/bench/gen_corpus.py" --mb 0.4 --jsonl --seed 5 --out "$TMP/gen.jsonl" >/dev/null 2>&1
for db in "$LITE" "$PG"; do
  timeout 120 "$DYAD" ingest --db "$db" --batch 40 "$TMP/gen.jsonl" 2>"$TMP/err" || bad "ingest the generated corpus into $db"
done
check "ingest into PostgreSQL prints nothing when piped" [ ! -s "$TMP/err" ]
same=0 diff=0
while IFS= read -r q; do
  # shellcheck disable=SC2086 # the query's words are meant to split
  timeout 60 "$DYAD" query $q --db "$LITE" --format json >"$TMP/l.json" 2>"$TMP/err"
  # shellcheck disable=SC2086
  timeout 60 "$DYAD" query $q --db "$PG" --format json >"$TMP/p.json" 2>>"$TMP/err"
  if $PY -c "import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))" \
       "$TMP/l.json" "$TMP/p.json" 2>>"$TMP/err"; then same=$((same + 1)); else diff=$((diff + 1)); echo "     differs: query $q"; fi
done <<'QUERIES'
stats
dyads
actors
actors --name Korea
claims
claims --about PRK
commitments
commitments --party PRK
events
events --limit 5 --offset 3
events --dyad PRK RUS
events --dyad USA JPN --directed
events --actor USAGOV
events --code 05
events --code 0311
events --text missiles
events --since 2023-08-18 --until 2024-01-01
events --country PRK
events --near 39.03,125.75,300
series --dyad PRK RUS
series --dyad USA JPN --by week
series --dyad USA JPN --by day
places
places --near 39.03,125.75,300
places --country KEN
sanctions
sanctions --regime un-dprk
claims --stances 2
claims --id 3
commitments --limit 50 --offset 100
events --code 0873
events --country KEN --limit 40
QUERIES
check "32 queries give the same JSON on SQLite and PostgreSQL ($same same, $diff different)" [ "$diff" -eq 0 ]
for f in csv jsonl; do
  "$DYAD" export --db "$LITE" --format "$f" >"$TMP/l.$f" 2>"$TMP/err"
  "$DYAD" export --db "$PG" --format "$f" >"$TMP/p.$f" 2>>"$TMP/err"
  check "export --format $f: the same bytes ($(wc -l <"$TMP/p.$f") lines)" cmp -s "$TMP/l.$f" "$TMP/p.$f"
done
"$DYAD" export --db "$LITE" --format plover >"$TMP/l.plover"
"$DYAD" export --db "$PG" --format plover >"$TMP/p.plover" 2>"$TMP/err"
check "export --format plover: the same records" $PY -c "
import json,sys
a=[json.loads(l) for l in open(sys.argv[1])]; b=[json.loads(l) for l in open(sys.argv[2])]
sys.exit(not a or a != b)" "$TMP/l.plover" "$TMP/p.plover"
"$DYAD" query stats --db "$PG" --format csv >"$TMP/s1"
timeout 120 "$DYAD" ingest --db "$PG" --date 2023-08-18 "$ROOT/samples/sample-article.txt" 2>"$TMP/err"
"$DYAD" query stats --db "$PG" --format csv >"$TMP/s2"
check "ingesting again adds nothing" cmp -s "$TMP/s1" "$TMP/s2"
check "--plan prints PostgreSQL's plan" grep -q "Scan" <("$DYAD" query events --dyad USA JPN --plan --db "$PG" 2>"$TMP/err")

# --- the store tests that take another store ----------------------------------------------
DYAD_TEST_DB=$(newdb api) DYAD="$DYAD" DYAD_ROOT="$ROOT" timeout 300 bash "$ROOT/tests/serve/test_api.sh" >"$TMP/api.out" 2>&1
check "the serve API test passes on PostgreSQL ($(tail -1 "$TMP/api.out"))" grep -q ' 0 failed' <(tail -1 "$TMP/api.out")
grep '^FAIL' "$TMP/api.out" | head -5
DYAD_TEST_DB=$(newdb sanctions) DYAD="$DYAD" DYAD_ROOT="$ROOT" timeout 300 bash "$ROOT/tests/store/test_sanctions.sh" >"$TMP/sanc.out" 2>&1
check "the sanctions store test passes on PostgreSQL ($(tail -1 "$TMP/sanc.out"))" grep -q ' 0 failed' <(tail -1 "$TMP/sanc.out")
grep '^FAIL' "$TMP/sanc.out" | head -5

# --- two ingests at once ------------------------------------------------------------------
$PY "$ROOT/bench/gen_corpus.py" --mb 1 --seed 9 --jsonl --out "$TMP/c.jsonl" >/dev/null 2>&1
n=$(wc -l <"$TMP/c.jsonl")
head -n $((n * 6 / 10)) "$TMP/c.jsonl" >"$TMP/a.jsonl"
tail -n $((n * 6 / 10)) "$TMP/c.jsonl" >"$TMP/b.jsonl"
CONC=$(newdb concurrent)
timeout 300 "$DYAD" ingest --db "$CONC" --batch 20 "$TMP/a.jsonl" 2>"$TMP/err.a" & A=$!
timeout 300 "$DYAD" ingest --db "$CONC" --batch 20 "$TMP/b.jsonl" 2>"$TMP/err.b" & B=$!
wait $A; ra=$?; wait $B; rb=$?
cat "$TMP/err.a" "$TMP/err.b" >"$TMP/err"
check "two concurrent ingests of overlapping halves both exit 0" [ "$ra" -eq 0 -a "$rb" -eq 0 ]
check "every document stored once ($n documents, no repeated hash)" \
  [ "$(sql concurrent "SELECT count(*) || ',' || count(DISTINCT hash) FROM documents")" = "$n,$n" ]
check "every event has exactly one merge link" \
  [ "$(sql concurrent "SELECT (SELECT count(*) FROM events) - (SELECT count(DISTINCT event) FROM merge_links) + (SELECT count(*) - count(DISTINCT event) FROM merge_links)")" = 0 ]
check "every link joins an event to a merged event of its key, within the window" \
  [ "$(sql concurrent "SELECT count(*) FROM merge_links l JOIN events e ON e.id = l.event LEFT JOIN happenings h ON h.id = l.happening
        WHERE h.id IS NULL OR h.src3 <> e.src3 OR h.tgt3 <> e.tgt3 OR h.root <> e.root OR h.precision <> e.precision
        OR (h.mode & 31) <> e.mode OR (e.precision = 0 AND abs(h.day - e.day) > 2)")" = 0 ]
sql concurrent "SELECT name FROM documents ORDER BY id" >"$TMP/order"
$PY - "$TMP/c.jsonl" "$TMP/order" "$TMP/ordered.jsonl" <<'PYEOF'
import json, sys
lines = {json.loads(l)["id"]: l for l in open(sys.argv[1], encoding="utf-8") if l.strip()}
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for name in open(sys.argv[2], encoding="utf-8").read().split("\n"):
        if name: out.write(lines[name])
PYEOF
timeout 300 "$DYAD" ingest --db "$TMP/ordered.db" "$TMP/ordered.jsonl" 2>"$TMP/err"
"$DYAD" query stats --db "$TMP/ordered.db" --format csv >"$TMP/st.l"
"$DYAD" query stats --db "$CONC" --format csv >"$TMP/st.p"
check "the counts equal SQLite's for the same documents in commit order ($(tail -1 "$TMP/st.p"))" cmp -s "$TMP/st.l" "$TMP/st.p"
"$DYAD" query dyads --db "$TMP/ordered.db" --format json --limit 1000 >"$TMP/dy.l"
"$DYAD" query dyads --db "$CONC" --format json --limit 1000 >"$TMP/dy.p"
check "and so do the per-dyad counts" cmp -s "$TMP/dy.l" "$TMP/dy.p"

# --- errors ---------------------------------------------------------------------------------
LOCKDB=$(newdb locked)
"$DYAD" ingest --db "$LOCKDB" --date 2023-08-18 "$ROOT/samples/sample-article.txt" 2>"$TMP/err"
echo "Russia condemned Ukraine on Monday." >"$TMP/new.txt"
"${PSQL[@]}" -d locked -c "BEGIN; SELECT pg_advisory_xact_lock(110472487783499); SELECT pg_sleep(4); COMMIT;" >/dev/null 2>&1 &
HOLD=$!
sleep 1
DYAD_BUSY_TIMEOUT=300 timeout 60 "$DYAD" ingest --db "$LOCKDB" --date 2024-01-01 "$TMP/new.txt" 2>"$TMP/err"; rc=$?
check "a writer held past DYAD_BUSY_TIMEOUT: exit 5 with advice" status_says "$rc" 5 DYAD_BUSY_TIMEOUT
wait $HOLD
timeout 60 "$DYAD" query stats --db "${PGURL%/postgres}/nosuchdb" 2>"$TMP/err"; rc=$?
check "a database that does not exist: exit 6, says what to check" status_says "$rc" 6 "check the URL"
newdb empty >/dev/null
timeout 60 "$DYAD" query stats --db "${PGURL%/postgres}/empty" 2>"$TMP/err"; rc=$?
check "an empty database: exit 1, run dyad ingest first" status_says "$rc" 1 "run dyad ingest first"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
