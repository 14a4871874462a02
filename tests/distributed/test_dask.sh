#!/usr/bin/env bash
# test_dask.sh - the Dask example (examples/dask/) codes a partitioned JSON lines corpus on a
# LocalCluster on 127.0.0.1 and stores it with dyad ingest. Checks that every input document was
# coded exactly once (by document id, in the events files and in the store), that the events
# equal byte for byte a single `dyad code` run over the whole corpus, and that a second run over
# the same partitions rewrites the results without duplicates. Needs Debian python3-distributed
# (tools/install-test-deps.sh); skips with the reason when it is missing.
# Env: DYAD (binary), DYAD_ROOT (repo root). Prints "N passed, N failed".
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=$(realpath "${DYAD:-$ROOT/build/dyad}")
PY=/usr/bin/python3
if ! $PY -c 'import distributed' 2>/dev/null; then
  echo "SKIP: python3-distributed is not installed (run tools/install-test-deps.sh as root)"; exit 0
fi
pass=0 fail=0
ok()  { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

$PY "$ROOT/bench/gen_corpus.py" --mb 1 --seed 21 --jsonl --out "$TMP/corpus.jsonl" 2>/dev/null
$PY "$ROOT/examples/dask/partition.py" "$TMP/corpus.jsonl" "$TMP/parts" 7 2>/dev/null
"$DYAD" code --format jsonl "$TMP/corpus.jsonl" > "$TMP/reference.jsonl" || { echo "FAIL reference run"; exit 1; }

for round in 1 2; do
  if timeout 300 $PY "$ROOT/examples/dask/code_corpus.py" --dyad "$DYAD" --out "$TMP/out" --workers 2 \
       --db "$TMP/store.db" "$TMP"/parts/part-*.jsonl > "$TMP/summary" 2> "$TMP/err"; then
    ok "round $round: the cluster coded $(grep -o '"partitions": [0-9]*' "$TMP/summary") and stored them"
  else
    bad "round $round: code_corpus.py failed"; tail -20 "$TMP/err"; break
  fi
  cat "$TMP"/out/part-*.events.jsonl > "$TMP/all.jsonl"
  cmp -s "$TMP/all.jsonl" "$TMP/reference.jsonl" \
    && ok "round $round: events equal one dyad code run over the whole corpus ($(wc -l < "$TMP/all.jsonl") events)" \
    || bad "round $round: events differ from the single-process run"
  if $PY - "$TMP/corpus.jsonl" "$TMP/out" "$TMP/store.db" <<'PYEOF'
import collections, glob, json, os, sqlite3, sys
corpus, outdir, db = sys.argv[1:4]
ids = [json.loads(l)["id"] for l in open(corpus, encoding="utf-8") if l.strip()]
assert len(ids) == len(set(ids)), "input ids repeat"
where = collections.defaultdict(set)      # document id -> partitions whose events name it
for f in sorted(glob.glob(os.path.join(outdir, "*.events.jsonl"))):
    for line in open(f, encoding="utf-8"):
        where[json.loads(line)["doc"]].add(os.path.basename(f))
missing = [i for i in ids if i not in where]
twice = [i for i, parts in where.items() if len(parts) != 1]
extra = set(where) - set(ids)
stored = collections.Counter(r[0] for r in sqlite3.connect(db).execute("SELECT name FROM documents"))
problems = []
if missing: problems.append("%d documents never coded, e.g. %s" % (len(missing), missing[:3]))
if twice: problems.append("%d documents coded in more than one partition, e.g. %s" % (len(twice), twice[:3]))
if extra: problems.append("events name unknown documents: %s" % sorted(extra)[:3])
if sorted(stored) != sorted(ids): problems.append("store documents differ from the input ids")
if any(c != 1 for c in stored.values()): problems.append("a document is stored more than once")
if problems:
    sys.exit("; ".join(problems))
print("%d documents, each coded in exactly one partition and stored once" % len(ids))
PYEOF
  then ok "round $round: every input document coded exactly once, by id"; else bad "round $round: exactly-once check"; fi
done
leftover=$(find "$TMP/out" -name '.*' | wc -l)
[ "$leftover" -eq 0 ] && ok "no temporary files left behind" || bad "$leftover temporary files left in the results"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
