#!/usr/bin/env bash
# test_places.sh - places in the store (issue 6), on documents written for this test: the events'
# place columns (schema 4), `dyad query places`, `query events --country` and `--near` (checked
# against a plain reading of their definition over the same SQLite file), the place columns of
# the exports (GDELT-like ActionGeo_* in CSV, PLOVER location), and bad filters refused.
# Env: DYAD, DYAD_ROOT. Prints "N passed, N failed".
. "$(dirname "$0")/lib.sh"

cat >"$TMP/docs.jsonl" <<'JSONL'
{"id":"kyiv-1","date":"2024-03-02","text":"KYIV, March 2 (Wire) -- Russian troops attacked Ukrainian forces near Kharkiv on Saturday. Ukraine condemned Russia."}
{"id":"nairobi-1","date":"2024-03-05","text":"The president arrived in Nairobi on Monday for talks. Kenya signed a trade agreement with Ethiopia on Tuesday."}
{"id":"sea-1","date":"2024-03-07","text":"Iran seized a British tanker in the Strait of Hormuz on Thursday."}
{"id":"none-1","date":"2024-03-08","text":"Washington condemned Iran on Friday."}
JSONL
DB=$TMP/p.db
timeout 120 "$DYAD" ingest --db "$DB" "$TMP/docs.jsonl" 2>"$TMP/err"
check "ingest documents with places" [ $? -eq 0 ]

check "events carry place columns from their JSON (Kharkiv, Nairobi, Strait of Hormuz, and none)" $PY - "$DB" <<'PYEOF' 2>"$TMP/err"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT e.eid, e.code, e.place_name, e.place_country, e.place_basis FROM events e").fetchall()
by = {(r[0].split('-')[1], r[1]): r for r in rows}
names = {r[2] for r in rows}
assert "Kharkiv" in names and "Nairobi" in names and "Strait of Hormuz" in names, rows
assert c.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "6"
placeless = [r for r in rows if r[2] is None]
assert len(placeless) == 1 and placeless[0][1] == "111", rows   # "Washington condemned Iran": an actor, not a place
PYEOF

timeout 30 "$DYAD" query places --db "$DB" --format json >"$TMP/places.json" 2>"$TMP/err"
check "query places (exit 0)" [ $? -eq 0 ]
check "  shape of docs/query-places.schema.json, counts by QuadClass add up" $PY - "$TMP/places.json" "$ROOT/docs/query-places.schema.json" <<'PYEOF' 2>"$TMP/err"
import json, sys
d, schema = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
try:
    import jsonschema; jsonschema.validate(d, schema)
except ImportError:
    pass
assert d and all(p["events"] == p["verbal_cooperation"] + p["material_cooperation"] + p["verbal_conflict"] + p["material_conflict"] for p in d), d
assert {"Kharkiv", "Nairobi", "Strait of Hormuz"} <= {p["name"] for p in d}, d
k = [p for p in d if p["name"] == "Kharkiv"][0]
assert k["country"] == "UKR" and k["material_conflict"] >= 1 and 49 < k["lat"] < 51, k
PYEOF
timeout 30 "$DYAD" query places --db "$DB" --country KEN --format json >"$TMP/ken.json" 2>"$TMP/err"
check "query places --country KEN: only Kenya" $PY -c "import json,sys; d=json.load(open(sys.argv[1])); assert d and all(p['country']=='KEN' for p in d), d" "$TMP/ken.json"

# same_as_definition ARGS: query events with a place filter equals the merged events that have a
# report whose place passes it (read straight from the events' JSON).
same_as_definition() {
  timeout 30 "$DYAD" query events --db "$DB" --format json "$@" >"$TMP/got.json" 2>"$TMP/err" || return 1
  $PY - "$DB" "$TMP/got.json" "$@" >"$TMP/err" 2>&1 <<'PYEOF'
import json, math, sqlite3, sys
db, got, args = sys.argv[1], sys.argv[2], sys.argv[3:]
opt = dict(zip(args[0::2], args[1::2]))
c = sqlite3.connect(db)
want = set()
for hid, js in c.execute("SELECT l.happening, e.json FROM merge_links l JOIN events e ON e.id = l.event"):
    p = json.loads(js).get("place")
    if not p: continue
    if "--country" in opt and p["country"] != opt["--country"]: continue
    if "--near" in opt:
        lat, lon, km = map(float, opt["--near"].split(","))
        x = math.radians(p["lon"] - lon) * math.cos(math.radians(lat)); y = math.radians(p["lat"] - lat)
        if 6371 * math.hypot(x, y) > km * 1.005: continue
    want.add(hid)
ids = {e["id"] for e in json.load(open(got))}
assert want and ids == want, (sorted(ids), sorted(want))
PYEOF
}
check "query events --country UKR = merged events with a report placed in Ukraine" same_as_definition --country UKR
check "query events --near 50.0,36.2,60 (Kharkiv) = reports placed within 60 km" same_as_definition --near 50.0,36.2,60
check "query events --near -1.29,36.82,20 (Nairobi)" same_as_definition --near -1.29,36.82,20
walked() { DYAD_DRIVE_MAX=0 same_as_definition "$@"; }   # in date order instead of through the place indexes
check "  the same walked in date order (--country UKR)" walked --country UKR
check "  the same walked in date order (--near 50.0,36.2,60)" walked --near 50.0,36.2,60
timeout 30 "$DYAD" query events --db "$DB" --format json --near 50.0,36.2,60 >"$TMP/n.json" 2>"$TMP/err"
check "  and it finds nothing in Kenya" $PY -c "import json,sys; d=json.load(open(sys.argv[1])); assert d and all(e['place_country']=='UKR' for e in d), d" "$TMP/n.json"

timeout 10 "$DYAD" query events --db "$DB" --near 95,10,5 >/dev/null 2>"$TMP/err"
check "--near with a latitude past 90 is a usage error (exit 2)" [ $? -eq 2 ]
timeout 10 "$DYAD" query events --db "$DB" --country Ukraine >/dev/null 2>"$TMP/err"
check "--country that is no alpha-3 code is a usage error (exit 2)" [ $? -eq 2 ]

timeout 30 "$DYAD" export --db "$DB" --format csv >"$TMP/x.csv" 2>"$TMP/err"
check "export csv has ActionGeo_* columns with Kharkiv's coordinates" $PY - "$TMP/x.csv" <<'PYEOF' 2>"$TMP/err"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for col in ("ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long"):
    assert col in rows[0], rows[0].keys()
k = [r for r in rows if r["ActionGeo_FullName"] == "Kharkiv"]
assert k and k[0]["ActionGeo_Type"] == "4" and k[0]["ActionGeo_CountryCode"] == "UKR" and 49 < float(k[0]["ActionGeo_Lat"]) < 51, k
s = [r for r in rows if r["ActionGeo_FullName"] == "Strait of Hormuz"]
assert s and s[0]["ActionGeo_Type"] == "5", s
PYEOF
timeout 30 "$DYAD" export --db "$DB" --format plover >"$TMP/x.plover" 2>"$TMP/err"
check "export plover carries a location per event (null when none)" $PY - "$TMP/x.plover" <<'PYEOF' 2>"$TMP/err"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
locs = [r["location"] for r in recs]
assert any(l and l["name"] == "Nairobi" and l["country"] == "KEN" for l in locs), locs
assert any(l is None for l in locs), locs
PYEOF

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
