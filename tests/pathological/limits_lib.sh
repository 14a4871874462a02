# limits_lib.sh - shared by test_limits.sh and test_slow_limits.sh (sourced, not a test itself):
# runs dyad under a time limit while measuring peak RSS, and judges each case on one line.
# Env: DYAD (binary), DYAD_ROOT, DYAD_LIMITS_SCALE (multiplies every time limit; default 1, or 5
# when the binary is built with sanitizers, whose memory use is then reported but not judged).
ROOT=${DYAD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PY=/usr/bin/python3
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:print_stacktrace=1"
pass=0 fail=0
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/out ERR=$TMP/err
SANITIZED=0
if grep -qaE '__asan_init|__ubsan_handle|AddressSanitizer' "$DYAD" 2>/dev/null; then SANITIZED=1; fi
SCALE=${DYAD_LIMITS_SCALE:-$((SANITIZED ? 5 : 1))}

if [ ! -x "$DYAD" ]; then echo "FAIL dyad binary not found at $DYAD (build first)"; echo "0 passed, 1 failed"; exit 1; fi

# measure LIMIT CMD...: runs CMD (stdout to $OUT, stderr to $ERR) killed after LIMIT*SCALE
# seconds; sets rc (124 on timeout), secs and rss_mb (peak resident set of the process tree).
measure() {
  local limit=$(($1 * SCALE)); shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$TMP/time" timeout "$limit" "$@" >"$OUT" 2>"$ERR"; rc=$?
    local kb
    read -r secs kb < <(tail -n 1 "$TMP/time")
    rss_mb=$((${kb:-0} / 1024))
  else   # poll /proc for the high-water mark, and enforce the limit ourselves
    local start=$SECONDS hwm=0 v pid
    "$@" >"$OUT" 2>"$ERR" & pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null)
      if [ -n "$v" ] && [ "$v" -gt "$hwm" ]; then hwm=$v; fi
      if [ $((SECONDS - start)) -ge "$limit" ]; then kill -9 "$pid" 2>/dev/null; fi
      sleep 0.05
    done
    wait "$pid"; rc=$?
    [ "$rc" -eq 137 ] && [ $((SECONDS - start)) -ge "$limit" ] && rc=124
    secs=$((SECONDS - start)); rss_mb=$((hwm / 1024))
  fi
}

# output_problem: prints why $OUT is not valid UTF-8 JSON lines of event objects (nothing when it is).
output_problem() {
  $PY "$(dirname "${BASH_SOURCE[0]}")/check_output.py" "$OUT"
}

# XFAIL: set to a reason before judge for a known, reported defect: the case then passes when it
# fails (printed "xfail" with the reason) and fails when it passes ("XPASS": drop the mark).
XFAIL=""
# ALLOW_RC: one more exit status judge accepts for the next case (e.g. 7, a store refused).
ALLOW_RC=""

# judge DESC LIMIT_S MAX_MB [CHECK...]: judges the last measure run; passes when it finished in
# time, exited 0 or 1 (1 only with a "dyad: ..." message), had no sanitizer report, stayed under
# MAX_MB (0: not judged), and CHECK (a command; default: stdout is valid JSON lines) succeeds.
judge() {
  local desc=$1 limit=$(($2 * SCALE)) max_mb=$3; shift 3
  local why=""
  if [ "$rc" -eq 124 ]; then why="timed out after $limit s"
  elif [ "$rc" -gt 128 ]; then why="crashed (signal $((rc - 128)))"
  elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ] && [ "$rc" != "$ALLOW_RC" ]; then why="exit $rc (want 0 or 1${ALLOW_RC:+ or $ALLOW_RC})"
  elif grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$ERR"; then why="sanitizer report"
  elif [ "$rc" -ne 0 ] && ! grep -q '^dyad: ' "$ERR"; then why="exit $rc without a 'dyad: ...' message"
  elif [ "$max_mb" -gt 0 ] && [ "$SANITIZED" -eq 0 ] && [ "$rss_mb" -gt "$max_mb" ]; then
    why="peak RSS $rss_mb MB above $max_mb MB"
  elif [ $# -gt 0 ]; then "$@" || why=${CHECK_WHY:-check failed}
  else why=$(output_problem)
  fi
  if [ -n "$XFAIL" ] && [ -n "$why" ]; then
    pass=$((pass + 1)); echo "xfail $desc: $why (known: $XFAIL)"
  elif [ -n "$XFAIL" ]; then
    fail=$((fail + 1)); echo "XPASS $desc: works now; remove its XFAIL mark ($XFAIL)"
  elif [ -z "$why" ]; then
    pass=$((pass + 1)); echo "ok   $desc (exit $rc, ${secs}s of ${limit}s, peak ${rss_mb} MB, $(wc -l <"$OUT") lines out)"
  else
    fail=$((fail + 1)); echo "FAIL $desc: $why (${secs}s, peak ${rss_mb} MB)"
    head -c 800 "$ERR" | sed 's/^/     | stderr: /'
  fi
  CHECK_WHY="" XFAIL="" ALLOW_RC=""
}

finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
