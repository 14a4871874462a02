#!/usr/bin/env bash
# run.sh - throughput benchmark for `dyad code`: builds dyad if needed, generates the corpus if
# missing, times a run with output to /dev/null, counts events in a second run, and prints MB/s,
# sentences/s, events/s and peak RSS. BENCH_CALLGRIND=1 adds instructions per byte on a 1 MB slice.
# Env: DYAD (binary), DYAD_BUILD (build dir), BENCH_MB (corpus size, default 50),
#      BENCH_FORMAT (text|jsonl, default text), BENCH_RUNS (timed runs, best is kept; default 1),
#      BENCH_DATE (--date for plain text, default 2024-06-15), BENCH_JOBS (dyad code --jobs, default 1).
# With BENCH_CALLGRIND=1 it also prints instructions per byte stage by stage (bench/stages.py).
# Usage: bench/run.sh [CORPUS]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${DYAD_BUILD:-$ROOT/build}
DYAD=${DYAD:-$BUILD/dyad}
PY=/usr/bin/python3
FORMAT=${BENCH_FORMAT:-text}
MB=${BENCH_MB:-50}
RUNS=${BENCH_RUNS:-1}
DATE=${BENCH_DATE:-2024-06-15}
JOBS=${BENCH_JOBS:-1}
OUTDIR=$ROOT/bench/out
mkdir -p "$OUTDIR"

case $FORMAT in
  text)  CORPUS=${1:-$ROOT/bench/corpus/corpus.txt};   GENFLAG="" ;;
  jsonl) CORPUS=${1:-$ROOT/bench/corpus/corpus.jsonl}; GENFLAG=--jsonl ;;
  *) echo "run.sh: BENCH_FORMAT must be text or jsonl, not '$FORMAT'" >&2; exit 2 ;;
esac

if [ ! -x "$DYAD" ]; then
  echo "== building dyad in $BUILD"
  cmake -S "$ROOT" -B "$BUILD" >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target dyad
fi
if [ ! -s "$CORPUS" ]; then
  echo "== generating $MB MB corpus at $CORPUS"
  $PY "$ROOT/bench/gen_corpus.py" --mb "$MB" $GENFLAG --out "$CORPUS"
fi
if [ ! -s "$CORPUS.count" ]; then
  echo "run.sh: $CORPUS.count is missing; sentences/s will not be reported" >&2
fi

# Timed runs: a small Python wrapper measures wall time and the peak RSS of dyad itself by
# polling VmHWM (the high-water mark) in /proc/PID/status every 5 ms; getrusage's ru_maxrss is
# not used because it also counts the memory of the forking parent before exec.
measure() {
  $PY - "$DYAD" "$CORPUS" "$FORMAT" "$DATE" "$JOBS" <<'EOF'
import subprocess, sys, tempfile, time
dyad, corpus, fmt, date, jobs = sys.argv[1:6]
cmd = [dyad, "code", "--jobs", jobs, "--format", fmt, corpus]
if fmt == "text":
    cmd[2:2] = ["--date", date]

def hwm_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0

errf = tempfile.TemporaryFile()   # a file, not a pipe: a full pipe would stall dyad
t0 = time.perf_counter()
p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errf)
peak = 0
while p.poll() is None:
    peak = max(peak, hwm_kib(p.pid))
    time.sleep(0.005)
wall = time.perf_counter() - t0
errf.seek(0)
err = errf.read()
if p.returncode != 0:
    sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    sys.stderr.write("run.sh: dyad exited %d\n" % p.returncode)
    sys.exit(1)
print("%.6f %d" % (wall, peak))
EOF
}

best_wall="" peak_rss=0
for i in $(seq 1 "$RUNS"); do
  read -r wall rss < <(measure) || { echo "run.sh: timed run failed" >&2; exit 1; }
  [ -z "$wall" ] && { echo "run.sh: timed run failed" >&2; exit 1; }
  echo "   run $i: ${wall}s, peak RSS ${rss} KiB"
  if [ -z "$best_wall" ] || $PY -c "import sys; sys.exit(not $wall < $best_wall)"; then best_wall=$wall; fi
  [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
done

# Event count from a second, untimed run.
if [ "$FORMAT" = text ]; then
  events=$("$DYAD" code --format text --date "$DATE" "$CORPUS" 2>/dev/null | wc -l)
else
  events=$("$DYAD" code --format jsonl "$CORPUS" 2>/dev/null | wc -l)
fi

bytes=$(stat -c %s "$CORPUS")
sentences=$(sed -n 's/^sentences=//p' "$CORPUS.count" 2>/dev/null || true)
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
$PY - "$bytes" "${sentences:-0}" "$events" "$best_wall" "$peak_rss" "$CORPUS" "$rev" "$FORMAT" \
      "$OUTDIR/results.tsv" "$JOBS" <<'EOF'
import datetime, os, sys
nbytes, sents, events = (int(x) for x in sys.argv[1:4])
wall, rss_kib = float(sys.argv[4]), int(sys.argv[5])
corpus, rev, fmt, log, jobs = sys.argv[6:11]
mbps = nbytes / 1e6 / wall
print("== dyad code --jobs %s on %s (%s, %.1f MB, rev %s)" % (jobs, corpus, fmt, nbytes / 1e6, rev))
print("   wall time     %10.2f s" % wall)
print("   throughput    %10.2f MB/s" % mbps)
print("   sentences/s   %10.0f%s" % (sents / wall, "" if sents else "  (no .count file)"))
print("   events/s      %10.0f   (%d events)" % (events / wall, events))
print("   peak RSS      %10.1f MB" % (rss_kib / 1024))
new = not os.path.exists(log)
with open(log, "a") as f:
    if new:
        f.write("when\trev\tformat\tbytes\twall_s\tmb_per_s\tsentences_per_s\tevents_per_s\tpeak_rss_kib\tjobs\n")
    f.write("%s\t%s\t%s\t%d\t%.3f\t%.2f\t%.0f\t%.0f\t%d\t%s\n" % (
        datetime.datetime.now().isoformat(timespec="seconds"), rev, fmt, nbytes, wall, mbps,
        sents / wall, events / wall, rss_kib, jobs))
EOF

# Optional: instructions per input byte under callgrind on a 1 MB slice cut at a line end.
if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null || { echo "run.sh: valgrind is not installed" >&2; exit 1; }
  slice=$OUTDIR/slice.$FORMAT
  $PY -c 'import sys; d = open(sys.argv[1], "rb").read(1000000); open(sys.argv[2], "wb").write(d[:d.rfind(b"\n") + 1])' \
      "$CORPUS" "$slice"
  cg=$OUTDIR/callgrind.out
  args=(code --format "$FORMAT")
  [ "$FORMAT" = text ] && args+=(--date "$DATE")
  valgrind --tool=callgrind --callgrind-out-file="$cg" "$DYAD" "${args[@]}" "$slice" >/dev/null 2>"$OUTDIR/callgrind.log" \
    || { echo "run.sh: callgrind run failed, see $OUTDIR/callgrind.log" >&2; exit 1; }
  ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$cg" | head -1)
  [ -z "$ir" ] && ir=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$cg" | head -1)
  sbytes=$(stat -c %s "$slice")
  $PY -c 'import sys; ir, b = int(sys.argv[1]), int(sys.argv[2]); print("   callgrind     %10.0f instructions/byte (%d Ir on %d bytes; %s)" % (ir / b, ir, b, sys.argv[3]))' \
      "$ir" "$sbytes" "$cg"
  $PY "$ROOT/bench/stages.py" "$cg" "$sbytes"
fi

# Geolocation's share of coding (issue 6: at most 10%): callgrind counts instructions on a 300 KB
# slice, inclusive of the placer's two entry points, against the whole of dyad_code_document.
# Set BENCH_PLACE=0 to skip it (needs valgrind).
if [ "${BENCH_PLACE:-1}" = 1 ] && command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
  pslice=$OUTDIR/place-slice.$FORMAT
  $PY -c 'import sys; d = open(sys.argv[1], "rb").read(300000); open(sys.argv[2], "wb").write(d[:d.rfind(b"\n") + 1])' \
      "$CORPUS" "$pslice"
  pcg=$OUTDIR/callgrind-place.out
  pargs=(code --format "$FORMAT")
  [ "$FORMAT" = text ] && pargs+=(--date "$DATE")
  valgrind --tool=callgrind --callgrind-out-file="$pcg" "$DYAD" "${pargs[@]}" "$pslice" >/dev/null 2>"$OUTDIR/callgrind-place.log" \
    || { echo "run.sh: callgrind run for geolocation failed, see $OUTDIR/callgrind-place.log" >&2; exit 1; }
  callgrind_annotate --inclusive=yes "$pcg" 2>/dev/null | $PY -c '
import re, sys
cost = {}
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+)\s.*?src/\w+\.c:(dyad_code_document|dyad_place_event|dyad_place_document) \[", line)
    if m:
        cost[m.group(2)] = cost.get(m.group(2), 0) + int(m.group(1).replace(",", ""))
total = cost.get("dyad_code_document", 0)
place = cost.get("dyad_place_event", 0) + cost.get("dyad_place_document", 0)
if not total:
    sys.exit("run.sh: callgrind_annotate named no dyad_code_document")
share = 100.0 * place / total
print("   geolocation   %10.1f %% of coding instructions (%d of %d Ir; limit 10%%)" % (share, place, total))
sys.exit(1 if share > 10.0 else 0)' || { echo "run.sh: geolocation costs more than 10% of coding" >&2; exit 1; }
fi

# Store benchmark (bench/ingest.sh): ingest rate with merging and `query series` on ~1M events.
# Set BENCH_STORE=0 to skip it.
if [ "${BENCH_STORE:-1}" = 1 ]; then
  DYAD="$DYAD" bash "$ROOT/bench/ingest.sh"
fi
