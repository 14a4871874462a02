#!/usr/bin/env bash
# install-deps.sh - installs the Debian 12 packages needed to build and run dyad, only those
# missing. A second run needs no network: every package is checked with dpkg -s first.
set -euo pipefail

PACKAGES=(build-essential cmake pkg-config libxml2-dev libutf8proc-dev libjansson-dev libsqlite3-dev libpq-dev
          libmicrohttpd-dev wordnet-base python3)

# Prints the packages from "$@" that dpkg does not report as installed.
missing_packages() {
  local p
  for p in "$@"; do
    if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
      printf '%s\n' "$p"
    fi
  done
}

# Runs apt-get as root: directly when root, through sudo when available, else explains.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    env DEBIAN_FRONTEND=noninteractive "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo env DEBIAN_FRONTEND=noninteractive "$@"
  else
    echo "install-deps: not root and sudo is not available; as root run: apt-get install $*" >&2
    exit 1
  fi
}

# The gazetteer's build step runs `npm ci` (tools/gazetteer/): Debian's nodejs and npm, unless an
# npm is already on the PATH (a Node.js installed another way often ships its own npm).
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

main() {
  if ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: this script needs Debian/Ubuntu (dpkg, apt-get); install by hand:" >&2
    echo "  ${PACKAGES[*]}" >&2
    exit 1
  fi
  local missing
  missing=$(missing_packages "${PACKAGES[@]}")
  if [ -z "$missing" ]; then
    echo "install-deps: all build dependencies present"
    return 0
  fi
  # shellcheck disable=SC2086 # one package per word is intended
  echo "install-deps: installing:" $missing
  as_root apt-get update -q
  # shellcheck disable=SC2086
  as_root apt-get install -y -q --no-install-recommends $missing
}

main "$@"
