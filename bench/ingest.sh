#!/usr/bin/env bash
# ingest.sh - store benchmark: ingest rate with merging, claims and commitments (events/s) on a
# generated JSON lines corpus big enough for about 1,000,000 events, then the time of
# `dyad query series` on that store (best of 5) for its most reported dyad, and the ingest's peak
# RSS (GNU time, when installed).
# Env: DYAD (binary), BENCH_STORE_MB (corpus size, default 95 ~ 1M events), BENCH_STORE_DIR
# (where corpus and store go, default bench/out), BENCH_STORE_KEEP=1 keeps the ~1.7 GB store
# afterwards. Appends a line to $BENCH_STORE_DIR/store.tsv.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
MB=${BENCH_STORE_MB:-95}
DIR=${BENCH_STORE_DIR:-$ROOT/bench/out}
mkdir -p "$DIR"
CORPUS=$DIR/store-corpus-$MB.jsonl
DB=$DIR/store-bench.db
[ -s "$CORPUS" ] || { echo "== generating $MB MB JSON lines corpus at $CORPUS"; $PY "$ROOT/bench/gen_corpus.py" --mb "$MB" --jsonl --seed 3 --out "$CORPUS"; }
rm -f "$DB" "$DB-wal" "$DB-shm"
RSSF=$DIR/store-ingest.rss
rm -f "$RSSF"
TIMECMD=()
[ -x /usr/bin/time ] && TIMECMD=(/usr/bin/time -f %M -o "$RSSF")
t0=$(date +%s.%N)
"${TIMECMD[@]}" "$DYAD" ingest --db "$DB" "$CORPUS" 2>/dev/null
t1=$(date +%s.%N)
rss_kb=$(cat "$RSSF" 2>/dev/null || echo 0)
read -r docs events merged < <("$DYAD" query stats --db "$DB" --format csv | tail -1 | awk -F, '{print $1, $2, $3}')
read -r a b < <("$DYAD" query dyads --db "$DB" --format csv --limit 1 | tail -1 | awk -F, '{print $1, $2}')
best=""
for i in 1 2 3 4 5; do
  s0=$(date +%s.%N)
  "$DYAD" query series --db "$DB" --dyad "$a" "$b" --by month --format json >/dev/null
  s1=$(date +%s.%N)
  best=$($PY -c "import sys; t=float(sys.argv[2])-float(sys.argv[1]); b=sys.argv[3]; print(t if not b or t < float(b) else b)" "$s0" "$s1" "$best")
done
size=$(stat -c %s "$DB")
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
$PY - "$t0" "$t1" "$docs" "$events" "$merged" "$best" "$a" "$b" "$size" "$rev" "$DIR/store.tsv" "$rss_kb" <<'PYEOF'
import datetime, os, sys
t0, t1 = float(sys.argv[1]), float(sys.argv[2])
docs, events, merged = (int(x) for x in sys.argv[3:6])
series_s, a, b, size, rev, log = float(sys.argv[6]), sys.argv[7], sys.argv[8], int(sys.argv[9]), sys.argv[10], sys.argv[11]
rss_mb = int(sys.argv[12]) / 1024
wall = t1 - t0
print("== dyad ingest (rev %s): %d documents, %d events, %d merged events" % (rev, docs, events, merged))
print("   wall time     %10.2f s" % wall)
print("   events/s      %10.0f   (target >= 20,000)" % (events / wall))
print("   store size    %10.1f MB" % (size / 1e6))
print("   peak RSS      %10.0f MB  (ingest)" % rss_mb)
print("   query series  %10.1f ms  (--dyad %s %s --by month, best of 5; target < 200 ms)" % (series_s * 1000, a, b))
new = not os.path.exists(log)
with open(log, "a") as f:
    if new:
        f.write("when\trev\tdocs\tevents\tmerged\tingest_s\tevents_per_s\tseries_ms\tstore_bytes\tpeak_rss_mb\n")
    f.write("%s\t%s\t%d\t%d\t%d\t%.2f\t%.0f\t%.1f\t%d\t%.0f\n" % (datetime.datetime.now().isoformat(timespec="seconds"), rev,
            docs, events, merged, wall, events / wall, series_s * 1000, size, rss_mb))
PYEOF
[ "${BENCH_STORE_KEEP:-0}" = 1 ] || rm -f "$DB" "$DB-wal" "$DB-shm"
