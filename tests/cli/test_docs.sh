#!/usr/bin/env bash
# test_docs.sh - keeps man/dyad.1 and `dyad --help` from drifting away from the CLI: every command
# `dyad --help` lists has a section in the manual; every subcommand a command's --help prints
# (query WHATs, dict and eval modes) has an entry in that section and is named in `dyad --help`;
# every --option any --help prints appears in the manual (in the command's own section).
set -u
dyad=${DYAD:-build/dyad}
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# The manual as plain words: \- -> -, font escapes and quotes dropped, macro names removed.
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(lq\|\\(rq//g' -e 's/^\.[A-Za-z]* *//' -e 's/"//g'; }

# The source lines of section `.SS "dyad CMD"` of man file $1, up to the next .SS or .SH.
section() { awk -v h=".SS \"dyad $2\"" '$0 == h {on = 1; next} on && /^\.S[SH]/ {exit} on' "$1"; }

# The tags of the .TP entries of a section (the line after each .TP), as plain words.
tags() { awk 'p {print; p = 0} /^\.TP/ {p = 1}' | plain; }

# --options printed by a help text on stdin, one per line (--help is checked once, globally).
options() { grep -oE -- '--[a-z][a-z-]*' | sort -u | grep -vx -- '--help'; }

# 1 when word $2 (an option) appears as a whole token in text $1.
has_opt() { grep -qE -- "(^|[^a-z-])$2([^a-z-]|\$)" <<<"$1"; }

main_help=$("$dyad" --help)
commands=$(sed -n '/^commands:/,/^$/p' <<<"$main_help" | sed -nE 's/^  ([a-z]+) .*/\1/p')
[ -n "$commands" ] && ok "dyad --help lists commands: $(tr '\n' ' ' <<<"$commands")" || bad "no commands parsed from dyad --help"

# Subcommands printed by `dyad CMD --help`: "dyad CMD word" usages, and for "dyad CMD WHAT" the
# two-space-indented words that start its lines.
subcommands() {
  local help=$1 cmd=$2
  { grep -oE "dyad $cmd [a-z]+" <<<"$help" | awk '{print $3}'
    if grep -q "usage: dyad $cmd WHAT" <<<"$help"; then sed -nE 's/^  ([a-z]+)( .*)?$/\1/p' <<<"$help"; fi
  } | sort -u
}

# Each command's help, with the help (or output) of `dyad CMD SUB --help` for each subcommand.
declare -A helps subs_of
for cmd in $commands; do
  h=$("$dyad" "$cmd" --help 2>&1)
  subs_of[$cmd]=$(subcommands "$h" "$cmd")
  for sub in ${subs_of[$cmd]}; do h+=$'\n'$("$dyad" "$cmd" "$sub" --help 2>&1); done
  helps[$cmd]=$h
done

# Checks man file $1 against the CLI; prints one line per miss and returns the number of misses.
check_man() {
  local man=$1 misses=0 cmd sub opt sect words
  local all; all=$(plain <"$man")
  for opt in --help $(options <<<"$main_help"); do
    has_opt "$all" "$opt" || { echo "  man page lacks $opt (printed by dyad --help)"; misses=$((misses + 1)); }
  done
  for cmd in $commands; do
    sect=$(section "$man" "$cmd")
    [ -n "$sect" ] || { echo "  man page has no section .SS \"dyad $cmd\""; misses=$((misses + 1)); continue; }
    words=$(plain <<<"$sect")
    for sub in ${subs_of[$cmd]}; do
      tags <<<"$sect" | grep -qE "^($cmd )?$sub( |\$)" ||
        { echo "  section dyad $cmd has no entry for '$sub'"; misses=$((misses + 1)); }
      grep -E "^  $cmd " <<<"$main_help" | grep -qw -- "$sub" ||
        { echo "  dyad --help does not name '$cmd $sub'"; misses=$((misses + 1)); }
    done
    for opt in $(options <<<"${helps[$cmd]}"); do
      has_opt "$words" "$opt" || { echo "  section dyad $cmd lacks $opt (printed by dyad $cmd --help)"; misses=$((misses + 1)); }
    done
  done
  return "$misses"
}

out=$(check_man "$root/man/dyad.1"); n=$?
[ "$n" -eq 0 ] && ok "man/dyad.1 documents every command, subcommand and option the CLI prints" ||
  { bad "man/dyad.1: $n missing"; echo "$out"; }

# The check can fail: a manual without --regime, without the places entry and without the serve
# section is caught on each count.
sed -e 's/\\-\\-regime/--gone/g' -e 's/^\\fBplaces\\fR/\\fBplace\\fR/' -e 's/^\.SS "dyad serve"/.SS "dyad sleep"/' \
  "$root/man/dyad.1" >"$tmp/broken.1"
out=$(check_man "$tmp/broken.1")
grep -q 'lacks --regime' <<<"$out" && ok "a missing option is caught" || bad "a missing --regime went unnoticed: $out"
grep -q "no entry for 'places'" <<<"$out" && ok "a missing subcommand is caught" || bad "a missing places entry went unnoticed: $out"
grep -q 'no section .SS "dyad serve"' <<<"$out" && ok "a missing command section is caught" || bad "a missing serve section went unnoticed: $out"

# The manual renders without warnings when groff is there (it is not a dependency).
if command -v groff >/dev/null 2>&1; then
  w=$(groff -man -Tutf8 -ww -z "$root/man/dyad.1" 2>&1)
  [ -z "$w" ] && ok "man/dyad.1 renders without groff warnings" || bad "groff warns: $w"
else
  echo "skip groff rendering check: groff is not installed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
