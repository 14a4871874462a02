#!/usr/bin/env bash
# test_api.sh - `dyad serve` over HTTP with curl (docs/serve.md): every API route answers JSON of
# the documented shape (docs/query-*.schema.json), filters and paging work, bad parameters give
# 400 with a JSON error, unknown routes 404, other methods 405, foreign Host 403, every response
# carries the security headers, and an article full of markup comes back as data, unchanged.
# Env: DYAD (binary), DYAD_ROOT (repo root). Prints "N passed, N failed"; exits 1 on a failure.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -s "$TMP/body" ] && head -c 400 "$TMP/body" | sed 's/^/     | /'; echo; }
check() { local d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }

SEED=$ROOT/../shared/samples/seed-article.txt
DB=${DYAD_TEST_DB:-$TMP/s.db}   # DYAD_TEST_DB: an empty store elsewhere (tests/postgres)
export DYAD_BUSY_TIMEOUT=300
timeout 60 "$DYAD" ingest --db "$DB" --date 2023-08-18 "$ROOT/samples" "$ROOT/tests/serve/evil.jsonl" 2>"$TMP/err" \
  || { echo "FAIL ingest: $(head -c 300 "$TMP/err")"; exit 1; }
HAVE_SEED=0
if [ -f "$SEED" ]; then timeout 60 "$DYAD" ingest --db "$DB" --date 2024-06-19 "$SEED" 2>"$TMP/err" && HAVE_SEED=1; fi

# Starts the server on a free port; BASE is its URL.
timeout 300 "$DYAD" serve --db "$DB" --port 0 2>"$TMP/serve.err" &
SERVER=$!
for _ in $(seq 50); do grep -q '^listening on ' "$TMP/serve.err" && break; sleep 0.1; done
BASE=$(sed -n 's#^listening on \(http://127\.0\.0\.1:[0-9]*\)/$#\1#p' "$TMP/serve.err")
check "prints 'listening on http://127.0.0.1:PORT/' on stderr" [ -n "$BASE" ]
[ -n "$BASE" ] || exit 1

# get PATH [curl options...]: body in $TMP/body, headers in $TMP/head; prints the status.
get() { local p=$1; shift; curl -s -m 10 -D "$TMP/head" -o "$TMP/body" -w '%{http_code}' "$@" "$BASE$p"; }
header() { grep -i "^$1:" "$TMP/head" | head -n 1 | tr -d '\r' | sed 's/^[^:]*: *//'; }
# json_ok PYTHON-EXPR: the body parses as JSON (d) and the expression holds.
json_ok() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); assert $1, d" "$TMP/body" 2>/dev/null; }
# schema NAME: the body validates against docs/query-NAME.schema.json.
schema() {
  $PY -c "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))" \
    "$TMP/body" "$ROOT/docs/query-$1.schema.json" 2>"$TMP/err"
}

# ---- the page ----
check "/ is the page (200, text/html)" [ "$(get /)" = 200 ]
check "  page type" [ "$(header Content-Type)" = "text/html; charset=utf-8" ]
check "  Content-Security-Policy: only our own script" bash -c "grep -qi \"^Content-Security-Policy: default-src 'none'; script-src 'self';\" '$TMP/head'"
check "  nosniff and no framing" bash -c "grep -qi '^X-Content-Type-Options: nosniff' '$TMP/head' && grep -qi '^X-Frame-Options: DENY' '$TMP/head'"
check "  loads app.js and style.css from us" bash -c "grep -q 'src=\"app.js\"' '$TMP/body' && grep -q 'href=\"style.css\"' '$TMP/body'"
check "/app.js" [ "$(get /app.js)" = 200 ]
check "  text/javascript" [ "$(header Content-Type)" = "text/javascript; charset=utf-8" ]
check "/world.js (the map's outlines, made at build time)" [ "$(get /world.js)" = 200 ]
check "  text/javascript, sets self.dyadWorld" bash -c "grep -qi '^Content-Type: text/javascript' '$TMP/head' && grep -q 'self.dyadWorld = ' '$TMP/body'"
check "/style.css" [ "$(get /style.css)" = 200 ]
check "  text/css" [ "$(header Content-Type)" = "text/css; charset=utf-8" ]
check "the page uses no innerHTML and no other host" bash -c "! grep -hE 'innerHTML|outerHTML|insertAdjacentHTML|document.write|https?://[a-z]' '$ROOT/web/app.js' '$ROOT/web/index.html' | grep -v 'www.w3.org/2000/svg' | grep -q ."

# ---- every route, with its schema ----
check "/api/stats (200, schema)" [ "$(get /api/stats)" = 200 ]
check "  stats schema" schema stats
check "  application/json, CSP, nosniff" bash -c "grep -qi '^Content-Type: application/json' '$TMP/head' && grep -qi '^Content-Security-Policy:' '$TMP/head' && grep -qi '^X-Content-Type-Options: nosniff' '$TMP/head'"
MERGED=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['merged_events'])" "$TMP/body")
check "/api/places (200, schema)" [ "$(get /api/places)" = 200 ]
check "  places schema" schema places
check "  every place has coordinates and events" json_ok "all(-90 <= p['lat'] <= 90 and p['events'] >= 1 for p in d)"
check "/api/places?near=95,0,10 is refused (400)" [ "$(get '/api/places?near=95,0,10')" = 400 ]
check "/api/events (200, schema)" [ "$(get /api/events)" = 200 ]
check "  events schema" schema events
if [ "$MERGED" -gt 100 ]; then check "  default limit 100" json_ok "len(d) == 100"; else check "  all $MERGED merged events" json_ok "len(d) == $MERGED"; fi
check "/api/events?limit=1000 gives every merged event ($MERGED)" [ "$(get '/api/events?limit=1000')" = 200 ]
check "  count" json_ok "len(d) == min($MERGED, 1000)"
get '/api/events?limit=3' >/dev/null; cp "$TMP/body" "$TMP/first3"
check "offset pages: offset=2&limit=1 is the third of limit=3" [ "$(get '/api/events?limit=1&offset=2')" = 200 ]
check "  same event" $PY -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert len(b)==1 and b[0]==a[2]" "$TMP/first3" "$TMP/body"
check "/api/events?dyad=JPN,KOR&code=03: both directions, codes by prefix" [ "$(get '/api/events?dyad=JPN,KOR&code=03')" = 200 ]
check "  only 03 codes between JPN and KOR, both ways" json_ok "d and all(e['code'].startswith('03') and {e['source'][:3], e['target'][:3]} == {'JPN','KOR'} for e in d) and {e['source'][:3] for e in d} == {'JPN','KOR'}"
check "/api/events?dyad=JPN,KOR&directed=1: one direction" [ "$(get '/api/events?dyad=JPN,KOR&directed=1')" = 200 ]
check "  only JPN -> KOR" json_ok "d and all(e['source'].startswith('JPN') and e['target'].startswith('KOR') for e in d)"
check "/api/events?actor=USA&since=2023-08-18&until=2023-08-18" [ "$(get '/api/events?actor=USA&since=2023-08-18&until=2023-08-18')" = 200 ]
check "  USA on that day" json_ok "d and all(e['date'] == '2023-08-18' and 'USA' in (e['source'][:3], (e['target'] or '')[:3]) for e in d)"
check "/api/series?dyad=JPN,KOR&by=day (200, schema)" [ "$(get '/api/series?dyad=JPN,KOR&by=day')" = 200 ]
check "  series schema, with tension" schema series
check "  periods are days" json_ok "d and all(len(r['period']) == 10 and 0 <= r['tension'] <= 100 for r in d)"
check "/api/claims (200, schema)" [ "$(get /api/claims)" = 200 ]
check "  claims schema" schema claims
check "/api/commitments (200, schema)" [ "$(get /api/commitments)" = 200 ]
check "  commitments schema" schema commitments
# paging in SQL (docs/serve.md): limit/offset pages are slices of the whole list, in order
page_ok() {
  local r=$1
  [ "$(get "/api/$r?limit=1000")" = 200 ] && cp "$TMP/body" "$TMP/all" || return 1
  [ "$(get "/api/$r?limit=1&offset=1")" = 200 ] || return 1
  $PY -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert a and b == a[1:2], (len(a), b)" "$TMP/all" "$TMP/body" || return 1
  [ "$(get "/api/$r?limit=5&offset=100000")" = 200 ] && json_ok "d == []"
}
for r in claims commitments dyads; do check "/api/$r?limit=1&offset=1 is the 2nd of the whole list; far offsets give []" page_ok "$r"; done
check "/api/actors?name=Japan (200, schema)" [ "$(get '/api/actors?name=Japan')" = 200 ]
check "  actors schema" schema actors
check "  Japan found" grep -q '"JPN' "$TMP/body"
check "/api/dyads?limit=5 (200, schema, 5 rows)" [ "$(get '/api/dyads?limit=5')" = 200 ]
check "  dyads schema" schema dyads
check "  5 rows" json_ok "len(d) == 5"
check "/api/dyads?code=05&since=2023-08-18 filters" [ "$(get '/api/dyads?code=05&since=2023-08-18')" = 200 ]
check "  fewer or equal ties" json_ok "len(d) >= 1"
get '/api/events?limit=2' >/dev/null
IDS=$($PY -c "import json,sys; print(','.join(str(e['id']) for e in json.load(open(sys.argv[1]))))" "$TMP/body")
check "/api/reports?happening=$IDS" [ "$(get "/api/reports?happening=$IDS")" = 200 ]
check "  each report has its event with evidence spans" json_ok "d and all(r['happening'] in ($IDS,) and r['event']['evidence']['span'] and r['merge_reason'] for r in d)"

if [ "$HAVE_SEED" = 1 ]; then
  check "seed: /api/events?dyad=RUS,PRK&code=057 finds the signed agreement" [ "$(get '/api/events?dyad=RUS,PRK&code=057')" = 200 ]
  check "  with its evidence sentence" json_ok "any('signed a new partnership agreement' in e['evidence'] for e in d)"
  check "seed: /api/claims?about=PRK" [ "$(get '/api/claims?about=PRK')" = 200 ]
  check "  North Korea supplying Russia, denied by PRK and RUS" json_ok "any(c['denied_by'] == 'PRK and RUS' for c in d)"
  check "seed: /api/commitments?party=PRK: mutual defence" [ "$(get '/api/commitments?party=PRK')" = 200 ]
  check "  kind" json_ok "any(c['kind'] == 'mutual-defence' for c in d)"
else
  echo "skip seed report checks: $SEED is absent"
fi

# ---- the hostile article comes back as data ----
check "search evidence: text=onerror" [ "$(get '/api/events?text=onerror')" = 200 ]
check "  the article's markup is returned unchanged as a JSON string" json_ok "any(\"<script>alert('xss')</script>\" in e['evidence'] and 'onerror=alert(1)' in e['evidence'] for e in d)"
check "  its javascript: URL is returned as data (the page does not link it)" json_ok "any(e['url'] == 'javascript:alert(4)' for e in d)"
check "text search with odd Unicode (emoji, combining marks)" [ "$(get "/api/events?text=$($PY -c 'import urllib.parse; print(urllib.parse.quote("caf\u00e9 \U0001F600"))')")" = 200 ]
check "  parses" json_ok "isinstance(d, list)"
check "text with quotes and SQL is bound, not pasted" [ "$(get "/api/events?text=%22%29%20OR%201%3D1%20--%20%27")" = 200 ]
check "  nothing matches" json_ok "d == []"

# ---- bad parameters: 400 with a JSON error naming what is wrong ----
bad400() {
  local p=$1 word=$2
  local st; st=$(get "$p")
  if [ "$st" = 400 ] && json_ok "d['status'] == 400 and '$word' in d['error']" && grep -qi '^Content-Type: application/json' "$TMP/head"; then
    ok "400 $p"; else bad "400 $p (got $st)"; fi
}
bad400 '/api/events?limit=0' limit
bad400 '/api/events?limit=1001' limit
bad400 '/api/events?limit=abc' limit
bad400 '/api/events?offset=-1' offset
bad400 '/api/events?code=5x' code
bad400 '/api/events?code=05%25' code
bad400 '/api/events?since=2024-13-01' since
bad400 '/api/events?until=yesterday' until
bad400 '/api/events?dyad=RUS' dyad
bad400 '/api/events?dyad=RUS,' dyad
bad400 '/api/events?directed=2' directed
bad400 "/api/events?actor=RUS'%20OR%201=1--" actor
bad400 '/api/events?actor=%3Cscript%3E' actor
bad400 '/api/events?colour=red' colour
bad400 '/api/events?code=05&code=04' twice
bad400 '/api/series' dyad
bad400 '/api/series?dyad=RUS,PRK&by=year' by
bad400 '/api/reports' happening
bad400 '/api/reports?happening=1,,2' happening
bad400 '/api/reports?happening=1;DROP' happening
bad400 "/api/events?$(seq -s '&' -f 'p%g=1' 1 20)" parameters

# ---- routes and methods ----
for p in /api/nope /api/ /api /nope /index.htm /../etc/passwd /api/events/1; do
  st=$(get "$p")
  if [ "$st" = 404 ] && json_ok "d['status'] == 404"; then ok "404 $p"; else bad "404 $p (got $st)"; fi
done
for m in POST PUT DELETE PATCH; do
  st=$(get /api/events -X "$m" -d 'x=1')
  if [ "$st" = 405 ] && [ "$(header Allow)" = GET ]; then ok "405 $m with Allow: GET"; else bad "405 $m (got $st)"; fi
done
check "a foreign Host header is refused (DNS rebinding): 403" [ "$(get /api/stats -H 'Host: evil.example:80')" = 403 ]
check "localhost:PORT is accepted" [ "$(get /api/stats -H "Host: localhost:${BASE##*:}")" = 200 ]
st=$(get /api/stats -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' a)")
check "a 40 KB header is refused ($st)" [ "$st" != 200 ]
check "the server still answers" [ "$(get /api/stats)" = 200 ]

# ---- keep-alive, stop, errors at start ----
n=$(curl -s -m 10 -o /dev/null -o /dev/null -w '%{num_connects}\n' "$BASE/api/stats" "$BASE/api/stats" | awk '{s += $1} END {print s}')
check "keep-alive: two requests over one connection" [ "$n" = 1 ]
kill -TERM "$SERVER"
for _ in $(seq 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
wait "$SERVER"; rc=$?
SERVER=""
check "SIGTERM stops the server with status 0 (got $rc)" [ "$rc" = 0 ]
timeout 10 "$DYAD" serve --db "$TMP/none.db" --port 0 2>"$TMP/err"; rc=$?
check "no store: exit 1 with a message" bash -c "[ $rc = 1 ] && grep -q 'dyad' '$TMP/err'"
timeout 10 "$DYAD" serve --db "$DB" --port 70000 2>"$TMP/err"; rc=$?
check "bad --port: exit 2" [ "$rc" = 2 ]
timeout 10 "$DYAD" serve --db "$DB" --bind localhost 2>"$TMP/err"; rc=$?
check "--bind needs an address: exit 2" [ "$rc" = 2 ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
