#!/usr/bin/env bash
# test_sanctions.sh - the sanctions watch end to end (docs/sanctions.md): sentences of our own
# ingested as JSON lines with their dates give the flags (and only those) that `dyad query
# sanctions` lists, with its filters; the seed report yields the three flags of issue #7; `dyad
# dict check` names a broken sanctions line by file and line.
# Env: DYAD (binary), DYAD_ROOT (repo root). Prints "N passed, N failed"; exits 1 on a failure.
. "$(dirname "$0")/lib.sh"
# rows QUERY-ARGS... : the flags as "regime/measure/basis/goods" lines, sorted
rows() { timeout 60 "$DYAD" query sanctions --db "$DB" --format json "$@" 2>"$TMP/err" |
  $PY -c "import json,sys; print('\n'.join(sorted(r['regime']+'/'+r['measure']+'/'+r['basis']+'/'+(r['goods'] or '') for r in json.load(sys.stdin))))"; }
export DYAD_BUSY_TIMEOUT=300

DB=${DYAD_TEST_DB:-$TMP/s.db}   # DYAD_TEST_DB: an empty store elsewhere (tests/postgres)
cat >"$TMP/news.jsonl" <<'JSON'
{"id":"a","date":"2018-03-01","text":"North Korea sold coal to China."}
{"id":"b","date":"2015-03-01","text":"North Korea exported coal to China."}
{"id":"c","date":"2019-05-01","text":"France sold rifles to Eritrea."}
{"id":"d","date":"2022-10-01","text":"Iran supplied Russia with drones."}
{"id":"e","date":"2024-06-19","text":"North Korea denied that it had sold weapons to Russia."}
{"id":"f","date":"2024-06-19","text":"Russia did not supply North Korea with tanks."}
{"id":"g","date":"2023-06-01","text":"Germany sold luxury cars to Russia."}
{"id":"h","date":"2024-06-19","text":"China exported seafood to Japan."}
JSON
timeout 60 "$DYAD" ingest --db "$DB" --format jsonl "$TMP/news.jsonl" 2>"$TMP/err"
check "ingest our sentences exits 0" [ $? -eq 0 ]
want="eu-russia/luxury-goods/reported/luxury cars
un-dprk/arms-export/denied/weapons
un-dprk/coal-iron/reported/coal
un-iran/missile-items/reported/drones"
got=$(rows)
check "flags: coal after 2270, drones before Transition Day, luxury cars, a denial as denied; none for coal in 2015, Eritrea after 2018, a negation, seafood" [ "$got" = "$want" ]
[ "$got" = "$want" ] || printf 'got:\n%s\n' "$got"
check "--regime un-dprk" [ "$(rows --regime un-dprk | wc -l)" -eq 2 ]
check "--target RUS" [ "$(rows --target RUS)" = "eu-russia/luxury-goods/reported/luxury cars" ]
check "--target IRNGOV matches the regime on IRN" [ "$(rows --target IRNGOV)" = "un-iran/missile-items/reported/drones" ]
check "--since 2023-01-01" [ "$(rows --since 2023-01-01 | wc -l)" -eq 2 ]
timeout 60 "$DYAD" query sanctions --db "$DB" --format table >"$TMP/t.txt" 2>"$TMP/err"
check "table format lists the evidence" grep -q "Germany sold luxury cars to Russia" "$TMP/t.txt"
timeout 60 "$DYAD" query sanctions --db "$DB" --regime 'UN DPRK' >/dev/null 2>"$TMP/err"; rc=$?
check "a bad --regime is no error of SQL (exit 0, no rows)" [ $rc -eq 0 ]

SEED=${DYAD_SEED:-$ROOT/../shared/samples/seed-article.txt}
if [ -f "$SEED" ]; then
  timeout 60 "$DYAD" ingest --db "$TMP/seed.db" --date 2024-06-19 "$SEED" 2>"$TMP/err"
  DB=$TMP/seed.db
  got=$(rows)
  check "seed: North Korean arms supplies to Russia, alleged" grep -qx "un-dprk/arms-export/alleged/artillery" <<<"$got"
  check "seed: the limousine given to Kim, luxury goods" grep -qx "un-dprk/luxury-goods/reported/limousine" <<<"$got"
  check "seed: the possible export of North Korean labour, hypothetical" grep -qx "un-dprk/workers-abroad/hypothetical/labor" <<<"$got"
  check "seed: no flag is reported as a breach but the gift" [ "$(grep -c /reported/ <<<"$got")" -eq 1 ]
else
  echo "skip seed report checks: ../shared/samples/seed-article.txt is absent"
fi

# dict check names a broken sanctions line
mkdir -p "$TMP/dict"
cp -r "$ROOT/data/." "$TMP/dict/"
printf 'measure broken  to  arms,nosuch  2030-02-31  ..  bad date and category\nmeasure ok  to  nosuch  2020-01-01  ..  unknown category\n' >>"$TMP/dict/sanctions/un-arms.txt"
n=$(wc -l <"$TMP/dict/sanctions/un-arms.txt")
timeout 60 "$DYAD" dict check "$TMP/dict" >"$TMP/out" 2>"$TMP/err"; rc=$?
check "dict check exits 1 on broken sanctions lines" [ $rc -eq 1 ]
check "dict check names the bad date by file:line" grep -q "sanctions/un-arms.txt:$((n - 1)): bad start date" "$TMP/err"
check "dict check names the unknown category by file:line" grep -q "sanctions/un-arms.txt:$n: error: measure ok: unknown category \"nosuch\"" "$TMP/err"
timeout 60 "$DYAD" dict check >"$TMP/out" 2>"$TMP/err"
check "the built-in sanctions data checks clean" [ $? -eq 0 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
