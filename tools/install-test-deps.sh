#!/usr/bin/env bash
# install-test-deps.sh - installs the Debian 12 packages that only the test suite needs
# (python3-jsonschema for the output-schema checks, python3-distributed for the Dask example of
# tests/distributed; both run with /usr/bin/python3), and postgresql (PostgreSQL 15 for the throwaway
# cluster of tests/postgres), and valgrind (tests/valgrind), only if missing.
set -euo pipefail

PACKAGES=(python3 python3-jsonschema python3-distributed postgresql valgrind)

missing=""
for p in "${PACKAGES[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-test-deps: not root and sudo is not available; as root run: apt-get install$missing" >&2
  exit 1
fi
echo "install-test-deps: installing:$missing"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086 # one package per word is intended
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
