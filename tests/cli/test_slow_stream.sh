#!/usr/bin/env bash
# test_slow_stream.sh - `dyad code --format jsonl` streams: 200,000 documents piped through it
# (generated on the fly, never on disk) are coded in constant memory (peak RSS under a bound and
# within a few MB of a 2,000-document run), one event per document comes out, and each
# document's events reach the pipe before the next document is written (an interactive
# round trip). Checked with --jobs 1 and --jobs 2. Labelled slow (about a minute).
# Env: DYAD (binary), DYAD_ROOT (repo root). Prints "N passed, N failed".
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=$(realpath "${DYAD:-$ROOT/build/dyad}")
PY=/usr/bin/python3
RSS_BOUND_KB=${DYAD_STREAM_RSS_KB:-48000}   # dictionaries + caches are ~15 MB; anything growing blows past this
GROWTH_KB=6000                              # allowed difference between 2,000 and 200,000 documents
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time (Debian package time) is not installed"; exit 0; }

# gen N: N one-sentence documents, each naming one pair of actors, so each yields exactly one event.
gen() {
  $PY - "$1" <<'EOF'
import sys
pairs = [("Russia", "Ukraine"), ("France", "Germany"), ("Japan", "China"), ("Kenya", "Uganda"),
         ("Brazil", "Argentina"), ("Canada", "Mexico"), ("India", "Pakistan"), ("Egypt", "Israel")]
out = sys.stdout
for i in range(int(sys.argv[1])):
    a, b = pairs[i % len(pairs)]
    out.write('{"id":"s%d","date":"2024-03-%02d","text":"%s condemned %s on Monday."}\n' % (i, 1 + i % 28, a, b))
EOF
}

# run N JOBS: prints "events peak_rss_kb exit_status"
run() {
  gen "$1" | /usr/bin/time -f '%M' -o "$TMP/rss" "$DYAD" code --jobs "$2" --format jsonl - 2>"$TMP/err" \
    | $PY -c '
import json, sys
n = 0
for line in sys.stdin:
    ev = json.loads(line)
    assert ev["doc"] == "s%d" % n, (ev["doc"], n)   # one event per document, in input order
    n += 1
print(n)' >"$TMP/n"
  echo "$(cat "$TMP/n") $(tail -1 "$TMP/rss") ${PIPESTATUS[1]}"
}

TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
for jobs in 1 2; do
  read -r n_small rss_small _ < <(run 2000 $jobs)
  read -r n_big rss_big rc < <(run 200000 $jobs)
  echo "     --jobs $jobs: 2,000 docs -> $n_small events, peak RSS $rss_small KB; 200,000 docs -> $n_big events, $rss_big KB"
  [ "$n_small" = 2000 ] && [ "$n_big" = 200000 ] && ok "--jobs $jobs: one event per document, in order" \
    || { bad "--jobs $jobs: events $n_small / $n_big (expected 2000 / 200000)"; head -3 "$TMP/err"; }
  [ "${rss_big:-999999}" -lt "$RSS_BOUND_KB" ] && ok "--jobs $jobs: peak RSS $rss_big KB < $RSS_BOUND_KB KB" \
    || bad "--jobs $jobs: peak RSS ${rss_big:-?} KB over $RSS_BOUND_KB KB"
  [ $((rss_big - rss_small)) -lt $GROWTH_KB ] && ok "--jobs $jobs: memory does not grow with the stream (+$((rss_big - rss_small)) KB)" \
    || bad "--jobs $jobs: 200,000 documents took $((rss_big - rss_small)) KB more than 2,000"
done

# Interactive round trip: each document's event must come back before the next is sent.
for jobs in 1 2; do
  if $PY - "$DYAD" "$jobs" <<'EOF'
import select, subprocess, sys
p = subprocess.Popen([sys.argv[1], "code", "--jobs", sys.argv[2], "--format", "jsonl", "-"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
for i in range(20):
    p.stdin.write(b'{"id":"r%d","date":"2024-05-01","text":"Russia condemned Ukraine."}\n' % i)
    p.stdin.flush()
    ready, _, _ = select.select([p.stdout], [], [], 10)
    if not ready:
        sys.exit("no output 10 s after document %d was sent" % i)
    line = p.stdout.readline()
    if b'"doc":"r%d"' % i not in line:
        sys.exit("document %d: got %r" % (i, line[:80]))
p.stdin.close()
sys.exit(p.wait())
EOF
  then ok "--jobs $jobs: each document's events reach the pipe before the next document is read"
  else bad "--jobs $jobs: events are held back in a buffer"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
