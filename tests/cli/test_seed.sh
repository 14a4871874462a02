#!/usr/bin/env bash
# The shared seed-report check (../shared/checks/seed-events.py): the sample report and its
# actor-swapped twin must code as a careful human coder would. Skips, saying why, where the
# shared folder is absent (it is an input for checks only and never part of the tree).
set -u
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
check="$root/../shared/checks/seed-events.py"
if [ ! -f "$check" ]; then
  echo "skip: $check not found (the shared checks sit beside the repository only in CI and sessions)"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
cd "$root" && DYAD="${DYAD:-$root/build/dyad}" /usr/bin/python3 "$check"
