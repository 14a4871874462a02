#!/usr/bin/env bash
# quickstart.sh - from a fresh Debian 12 checkout to a first coded article: installs the build
# dependencies, builds dyad, codes the sample article with explanations, stores it in the
# embedded store (./dyad.db) and prints events by dyad, claims, commitments and counts.
set -uo pipefail
cd "$(dirname "$0")" || exit 1

fail() {
  echo "quickstart: step failed: $1" >&2
  exit 1
}

echo "quickstart: step 1/3: installing dependencies (tools/install-deps.sh)"
bash tools/install-deps.sh || fail "installing dependencies (run as root, or with sudo available)"

echo "quickstart: step 2/3: building (make)"
make || fail "building with make (see the compiler messages above)"

sample=samples/sample-article.txt   # a report of 18 August 2023: relative dates resolve against it
if [ ! -f "$sample" ]; then
  echo "quickstart: build OK, but $sample is missing, so there is nothing to code yet." >&2
  echo "quickstart: try: build/dyad code --explain YOUR-ARTICLE.txt" >&2
  exit 1
fi
echo "quickstart: step 3/3: coding $sample (build/dyad code --date 2023-08-18 --explain $sample)"
build/dyad code --date 2023-08-18 --explain "$sample" || fail "running build/dyad code --explain $sample"
echo
echo "quickstart: step 3/3 (continued): storing it in dyad.db (build/dyad ingest --date 2023-08-18 $sample)"
build/dyad ingest --date 2023-08-18 "$sample" || fail "storing $sample in dyad.db (see the message above)"
echo "quickstart: events by dyad (build/dyad query dyads):"
build/dyad query dyads --format table --limit 10 || fail "querying dyad.db"
echo "quickstart: claims found (build/dyad query claims):"
build/dyad query claims --format table || fail "querying dyad.db"
echo "quickstart: commitments found (build/dyad query commitments):"
build/dyad query commitments --format table || fail "querying dyad.db"
echo "quickstart: counts (build/dyad query stats):"
build/dyad query stats --format table || fail "querying dyad.db"
