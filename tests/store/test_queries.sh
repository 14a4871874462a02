#!/usr/bin/env bash
# test_queries.sh - the store's queries stay fast on large stores and give what they document
# (docs/store.md, issue #5), checked on a small generated store: every unfiltered or paged route
# reads its page through an index (EXPLAIN QUERY PLAN via `dyad query --plan`: no full scan of
# a table), the filtered event queries return exactly the merged events that a plain reading of
# their definition finds (Python over the same SQLite file), --limit/--offset page in order, and
# stats equals the rows counted. Env: DYAD, DYAD_ROOT. Prints "N passed, N failed".
. "$(dirname "$0")/lib.sh"

DB=$TMP/s.db
$PY "$ROOT/bench/gen_corpus.py" --mb 0.6 --jsonl --seed 11 --out "$TMP/c.jsonl" >/dev/null 2>&1
timeout 120 "$DYAD" ingest --db "$DB" "$TMP/c.jsonl" "$ROOT/samples" 2>"$TMP/err"
check "ingest a generated corpus" [ $? -eq 0 ]

# ---- query plans: no route scans a whole table; unfiltered lists walk an ordered index ----
# plan_ok WHAT ARGS...: no 'SCAN x' without an index (subqueries and FTS aside), and any full
# index walk is one of the ordered paging indexes (it stops after the page).
plan_ok() {
  timeout 30 "$DYAD" query "$@" --db "$DB" --plan >"$TMP/plan" 2>"$TMP/err" || return 1
  $PY - "$TMP/plan" >"$TMP/err" 2>&1 <<'PYEOF'
import re, sys
lines = [l.strip() for l in open(sys.argv[1]) if l.strip()]
assert lines, "no plan"
paging = {"happenings_day", "claims_date", "commitments_day"}
small = ("totals", "dyad_totals", "actors")   # bounded by countries, roots and dictionary entries
for l in lines:
    m = re.match(r"SCAN (\S+)(.*)$", l)
    if not m or m.group(1).startswith("(") or m.group(1) in ("pg", "dm", "w", "ws") or "VIRTUAL TABLE" in l or l == "SCAN CONSTANT ROW":
        continue
    idx = re.search(r"USING (?:COVERING )?INDEX (\w+)", m.group(2))
    assert idx and idx.group(1) in paging or m.group(1) in small, "full scan: " + l + "\n" + "\n".join(lines)
PYEOF
}
for w in "events" "events --limit 10 --offset 50" "events --dyad USA CHN --limit 10" "events --actor USA" \
         "events --dyad USA CHN --code 05" "claims --limit 1000" "commitments --limit 1000" \
         "dyads" "dyads --code 05" "stats" "events --code 1712" "events --code 051 --limit 10" "events --country KEN --limit 10" \
         "events --near -1.29,36.82,20 --limit 10" "events --country KEN --code 04 --since 2021-01-01" \
         "places --country KEN" "places --near -1.29,36.82,20" "claims --id 1" "claims --about USA --stances 5"; do
  check "plan of 'query $w' reads through indexes" plan_ok $w
done
# a filter matching more reports than DYAD_DRIVE_MAX walks merged events in date order instead
check "plan of 'query events --code 051' past the drive limit walks happenings_day" \
  env DYAD_DRIVE_MAX=0 bash -c '"$0" query events --code 051 --db "$1" --plan | grep -q "happenings_day"' "$DYAD" "$DB"
check "plan of 'query events --code 051' under it searches events_code" \
  bash -c '"$0" query events --code 051 --db "$1" --plan | grep -q "events_code"' "$DYAD" "$DB"

# ---- filtered events equal their definition: merged events with a report that matches ----
same_as_definition() {
  timeout 30 "$DYAD" query events --db "$DB" --format json --limit 100000 "$@" >"$TMP/got.json" 2>"$TMP/err" || return 1
  $PY - "$DB" "$TMP/got.json" "$@" >"$TMP/err" 2>&1 <<'PYEOF'
import datetime, json, sqlite3, sys
db, got, args = sys.argv[1], sys.argv[2], sys.argv[3:]
opt, i = {}, 0
while i < len(args):
    if args[i] == "--dyad": opt["dyad"] = (args[i + 1], args[i + 2]); i += 3
    elif args[i] == "--directed": opt["directed"] = True; i += 1
    else: opt[args[i][2:]] = args[i + 1]; i += 2
day = lambda d: (datetime.date.fromisoformat(d) - datetime.date(1970, 1, 1)).days
def report_ok(src, tgt, code, d):
    src, tgt = src or "", tgt or ""
    if "actor" in opt and not (src.startswith(opt["actor"]) or tgt.startswith(opt["actor"])): return False
    if "dyad" in opt:
        a, b = opt["dyad"]
        if not ((src.startswith(a) and tgt.startswith(b)) or (not opt.get("directed") and src.startswith(b) and tgt.startswith(a))): return False
    if "code" in opt and not code.startswith(opt["code"]): return False
    if "since" in opt and d < day(opt["since"]): return False
    if "until" in opt and d > day(opt["until"]): return False
    return True
c = sqlite3.connect(db)
want, seen = [], set()
rows = c.execute("SELECT h.id, h.day, e.src, e.tgt, e.code, e.day FROM happenings h JOIN merge_links l ON l.happening = h.id "
                 "JOIN events e ON e.id = l.event ORDER BY h.day, h.id")
for hid, hday, src, tgt, code, d in rows:
    if hid not in seen and report_ok(src, tgt, code, d):
        seen.add(hid); want.append(hid)
have = [e["id"] for e in json.load(open(got))]
assert have == want, "got %d merged events, the definition gives %d; first difference near %s" % (
    len(have), len(want), next((a, b) for a, b in zip(have + [None] * len(want), want + [None] * len(have)) if a != b))
assert want, "the filter matches nothing: the check proves nothing"
PYEOF
}
for f in "--dyad USA CHN" "--dyad USA CHN --directed" "--dyad USAGOV CHN" "--dyad US CH" "--actor RUS" "--actor RUSGOV" \
         "--code 05" "--code 0" "--code 051" "--since 2022-01-01 --until 2022-03-31" "--dyad USA RUS --code 04 --since 2020-01-01" \
         "--dyad IGO IGO" "--dyad IGOUNO IGO" "--dyad USA FRA --until 2021-12-31" "--dyad FRA USA --directed --code 0" \
         "--code 1622" "--code 0873" "--actor RUS --code 042" "--code 043 --since 2021-01-01"; do
  check "events $f = merged events with a matching report" same_as_definition $f
done
walked() { DYAD_DRIVE_MAX=0 same_as_definition "$@"; }   # the other plan for the same filter
for f in "--code 051" "--code 1032" "--actor RUS --code 042" "--code 043 --since 2021-01-01"; do
  check "events $f walked in date order (DYAD_DRIVE_MAX=0) = its definition" walked $f
done

# ---- paging in SQL: pages are slices of the whole list, in order ----
pages_ok() {
  local w=$1
  timeout 30 "$DYAD" query "$w" --db "$DB" --format json --limit 100000 >"$TMP/all.json" 2>"$TMP/err" || return 1
  timeout 30 "$DYAD" query "$w" --db "$DB" --format json --limit 7 --offset 5 >"$TMP/page.json" 2>"$TMP/err" || return 1
  timeout 30 "$DYAD" query "$w" --db "$DB" --format json --limit 7 --offset 100000 >"$TMP/none.json" 2>"$TMP/err" || return 1
  $PY -c "
import json, sys
a, p, n = (json.load(open(f)) for f in sys.argv[1:4])
assert len(a) > 12 and p == a[5:12] and n == [], (len(a), len(p), len(n))" "$TMP/all.json" "$TMP/page.json" "$TMP/none.json" 2>"$TMP/err"
}
for w in events claims commitments dyads; do check "query $w --limit 7 --offset 5 is rows 6-12 of the whole list" pages_ok "$w"; done
timeout 10 "$DYAD" query claims --db "$DB" --offset -3 >/dev/null 2>"$TMP/err"; rc=$?
check "--offset -3: usage error (exit 2)" [ "$rc" -eq 2 ]

# ---- dyads from the counts kept at ingest equal dyads counted from the merged events ----
dyads_same() {
  timeout 30 "$DYAD" query dyads --db "$DB" --format json --limit 1000 "$@" >"$TMP/kept.json" 2>"$TMP/err" || return 1
  timeout 30 "$DYAD" query dyads --db "$DB" --format json --limit 1000 "$@" --since 1000-01-01 >"$TMP/counted.json" 2>"$TMP/err" || return 1
  cmp -s "$TMP/kept.json" "$TMP/counted.json" && $PY -c "import json,sys; assert len(json.load(open(sys.argv[1]))) > 10" "$TMP/kept.json"
}
check "dyads (kept at ingest) = dyads counted from merged events" dyads_same
check "dyads --code 05 (kept) = counted" dyads_same --code 05

# ---- stats equals what is stored ----
timeout 30 "$DYAD" query stats --db "$DB" --format json >"$TMP/stats.json" 2>"$TMP/err"
check "stats equals the rows counted" $PY - "$DB" "$TMP/stats.json" <<'PYEOF'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
s = json.load(open(sys.argv[2]))[0]
n = lambda q: c.execute(q).fetchone()[0]
want = {"documents": n("SELECT count(*) FROM documents"), "events": n("SELECT count(*) FROM events"),
        "merged_events": n("SELECT count(*) FROM happenings"), "claims": n("SELECT count(*) FROM claims"),
        "commitments": n("SELECT count(*) FROM commitments"), "actors": n("SELECT count(DISTINCT code) FROM actors"),
        "mentions": n("SELECT count(*) FROM (SELECT DISTINCT l.happening, e.doc, e.sent FROM merge_links l JOIN events e ON e.id = l.event)")}
assert s == want, (s, want)
PYEOF

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
