#!/usr/bin/env bash
# test_import.sh - `dyad dict import --from petrarch` on the Phoenix dictionaries: the result loads
# with `dyad dict stats` without a malformed line, its counts are non-trivial, and every line the
# report lists names FILE:LINE. Skips (exit 0, with the reason) when ../shared/petrarch2 is absent.
set -u
ROOT=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DYAD=${DYAD:-$ROOT/build/dyad}
PETR=$ROOT/../shared/petrarch2
if [ ! -f "$PETR/Phoenix.Countries.actors.txt" ] || [ ! -f "$PETR/CAMEO.2.0.txt" ]; then
  echo "skip: Phoenix dictionaries not found in $PETR (the PETRARCH reference data lives outside the tree)"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
"$DYAD" dict import --from petrarch "$PETR" --to "$out/dict" 2>"$out/import.err"
check "import exits 0" "[ $? -eq 0 ]"
check "import wrote actors, agents, verbs, cameo.tsv and the report" \
  "[ -s $out/dict/actors/Phoenix.Countries.actors.txt ] && [ -s $out/dict/agents.txt ] && [ -s $out/dict/verbs/CAMEO.2.0.txt ] && [ -s $out/dict/cameo.tsv ] && [ -s $out/dict/import-report.txt ]"
"$DYAD" dict stats "$out/dict" >"$out/stats" 2>"$out/stats.err"
check "dict stats loads the import" "[ $? -eq 0 ]"
check "no malformed line in the import" "[ ! -s $out/stats.err ] || { head -5 $out/stats.err; false; }"
get() { awk -v k="$1" '$1 == k {print $2}' "$out/stats"; }
echo "imported: actors $(get actors), people $(get people), roles $(get roles), agents $(get agents), patterns $(get patterns), sets $(get sets)"
check "actors > 20000" "[ \"$(get actors)\" -gt 20000 ]"
check "people > 10000" "[ \"$(get people)\" -gt 10000 ]"
check "roles > 20000" "[ \"$(get roles)\" -gt 20000 ]"
check "agents > 1500" "[ \"$(get agents)\" -gt 1500 ]"
check "patterns > 50000" "[ \"$(get patterns)\" -gt 50000 ]"
check "sets >= 30" "[ \"$(get sets)\" -ge 30 ]"
bad=$(grep -cvE '^[^:]+:[0-9]+: not carried over: ' "$out/dict/import-report.txt")
check "every report line is FILE:LINE: not carried over: ..." "[ $bad -eq 0 ]"
echo "report: $(wc -l <"$out/dict/import-report.txt") lines not carried over"
# the imported directory codes a sentence with the converted Phoenix entries
printf 'Russia condemned Ukraine on Monday.\n' | "$DYAD" code --dict "$out/dict" --tsv --date 2014-03-03 >"$out/code" 2>/dev/null
# (CAMEO.2.0.txt codes a bare "condemn" 111)
check "imported dictionary codes RUS -> UKR 111" "awk -F'\t' '\$3 == \"RUS\" && \$5 == \"UKR\" && \$7 == \"111\"' $out/code | grep -q ."
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
