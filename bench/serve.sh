#!/usr/bin/env bash
# serve.sh - `dyad serve` under wrk on loopback: for each URL below, 10 s at 1 connection and at
# 8 (2 wrk threads), after a 2 s warm-up; prints one markdown row per run (requests/s, p50, p99,
# errors and non-2xx answers) and appends them to $DIR/serve.tsv. The store is built by
# bench/ingest.sh (BENCH_STORE_KEEP=1 keeps it). wrk is Debian's `wrk`: installed with apt-get
# when missing and running as root, else the script says how.
# Usage: bench/serve.sh [STORE]   Env: DYAD (binary), BENCH_STORE_DIR (default bench/out; the store
# defaults to $BENCH_STORE_DIR/store-bench.db), BENCH_SERVE_SECONDS (default 10), BENCH_SERVE_URLS
# (space-separated paths: only these).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DYAD=${DYAD:-$ROOT/build/dyad}
DIR=${BENCH_STORE_DIR:-$ROOT/bench/out}
DB=${1:-$DIR/store-bench.db}
SECS=${BENCH_SERVE_SECONDS:-10}
[ -f "$DB" ] || { echo "serve.sh: no store at $DB; build one with BENCH_STORE_KEEP=1 bench/ingest.sh" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else echo "serve.sh: wrk is missing; install it with: sudo apt-get install -y wrk" >&2; exit 1; fi
fi
mkdir -p "$DIR"
LOG=$(mktemp)
"$DYAD" serve --db "$DB" --port 0 2>"$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$LOG" && break; sleep 0.1; done
BASE=$(sed -n 's#^listening on \(http://127\.0\.0\.1:[0-9]*\)/$#\1#p' "$LOG")
[ -n "$BASE" ] || { echo "serve.sh: dyad serve did not start: $(cat "$LOG")" >&2; exit 1; }
URLS=(
  "/api/events?dyad=USA,CHN&limit=10"
  "/api/events?dyad=USA,CHN"
  "/api/events?dyad=RUS,UKR&code=19&limit=10"
  "/api/events?limit=10"
  "/api/events"
  "/api/claims?limit=100"
  "/api/commitments?limit=100"
  "/api/dyads?limit=1000"
  "/api/stats"
  "/api/events?code=1712&limit=100"
  "/api/events?country=UKR&limit=100"
  "/api/events?near=50.45,30.52,25&limit=100"
  "/api/places?country=UKR"
  "/api/claims?about=PRK"
)
# BENCH_SERVE_URLS="/api/a /api/b": only these
[ -n "${BENCH_SERVE_URLS:-}" ] && read -r -a URLS <<<"$BENCH_SERVE_URLS"
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== dyad serve (rev $rev) on $DB; load average before: $load"
echo "| URL | connections | requests/s | p50 | p99 | errors | non-2xx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
[ -f "$DIR/serve.tsv" ] || printf 'when\trev\turl\tconnections\trequests_per_s\tp50\tp99\terrors\tnon2xx\tload\n' >"$DIR/serve.tsv"
for u in "${URLS[@]}"; do
  wrk -c2 -t1 -d2s "$BASE$u" >/dev/null 2>&1 || true   # warm-up (a cold page cache can take seconds)
  code=$(curl -s -o /dev/null -w '%{http_code}' -m 30 "$BASE$u")
  [ "$code" = 200 ] || { echo "| \`$u\` | - | HTTP $code | | | | |"; continue; }
  for c in 1 8; do
    out=$(wrk -c"$c" -t"$(( c > 1 ? 2 : 1 ))" -d"${SECS}s" --latency "$BASE$u")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errs=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out"); errs=${errs:-0}
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); non2xx=${non2xx:-0}
    echo "| \`$u\` | $c | $rps | $p50 | $p99 | $errs | $non2xx |"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -Iseconds)" "$rev" "$u" "$c" "$rps" "$p50" "$p99" "$errs" "$non2xx" \
      "$(cut -d' ' -f1 /proc/loadavg)" >>"$DIR/serve.tsv"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
