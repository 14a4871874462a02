#!/usr/bin/env bash
# `dyad dict stats` and `dyad dict check`: the built-in dictionary is clean and counted; a broken
# dictionary directory is reported with FILE:LINE and exit status 1.
set -u
dyad=${DYAD:-build/dyad}
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

out=$("$dyad" dict check 2>&1); rc=$?
[ $rc -eq 0 ] && ok "built-in dictionary checks clean" || { bad "built-in dictionary check exit $rc"; echo "$out" | head -20; }
echo "$out" | grep -q "as of 20" && ok "check prints the as-of date" || bad "check prints no as-of date"

stats=$("$dyad" dict stats)
people=$(awk -F'\t' '$1=="people"{print $2}' <<<"$stats")
patterns=$(awk -F'\t' '$1=="patterns"{print $2}' <<<"$stats")
[ "${people:-0}" -gt 300 ] && ok "stats: $people people" || bad "stats: people=$people"
[ "${patterns:-0}" -gt 2000 ] && ok "stats: $patterns patterns" || bad "stats: patterns=$patterns"

mkdir -p "$tmp/d/actors" "$tmp/d/verbs"
printf '057\t05\t1\t8.0\tAGREE\tagreement signed\n' > "$tmp/d/cameo.tsv"
printf 'verb 057 sign\nverb 999 sign\n' > "$tmp/d/verbs/v.txt"
printf 'country FRA France\nperson Ann ; country=FRA\nrole FRAGOV 2001-01-01 2005-01-01 X\nrole FRAGOV 2003-01-01 .. Y\n' > "$tmp/d/actors/a.txt"
out=$("$dyad" dict check "$tmp/d" 2>&1); rc=$?
[ $rc -eq 1 ] && ok "broken dictionary: exit 1" || bad "broken dictionary: exit $rc"
grep -q "verbs/v.txt:2:" <<<"$out" && ok "malformed pattern reported with file:line" || bad "no file:line for the bad pattern: $out"
grep -q "actors/a.txt:2: error: Ann holds overlapping roles" <<<"$out" && ok "overlapping roles reported" || bad "overlap not reported: $out"
"$dyad" dict check /nonexistent-dir >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] && ok "missing directory: exit 1" || bad "missing directory: exit $rc"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
