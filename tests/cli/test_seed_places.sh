#!/usr/bin/env bash
# The places of the shared sample report (issue 6): the agreement, the welcoming and the talks in
# Pyongyang (the document's focus), the war in Ukraine, the visits in North Korea, the trip onward
# to Vietnam in the future mode, Blinken's words in Washington. Skips, saying why, where the
# shared folder is absent (it is an input for checks only and never part of the tree).
set -u
root=${DYAD_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
dyad=${DYAD:-$root/build/dyad}
sample="$root/../shared/samples/seed-article.txt"
if [ ! -f "$sample" ]; then
  echo "skip: $sample not found (the shared samples sit beside the repository only in CI and sessions)"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
"$dyad" code --date 2024-06-19 "$sample" | /usr/bin/python3 -c '
import json, sys
ev = [json.loads(l) for l in sys.stdin if l.strip()]
passed = failed = 0
def check(desc, cond):
    global passed, failed
    print(("ok   " if cond else "FAIL ") + desc)
    if cond: passed += 1
    else: failed += 1
def place(e): return (e.get("place") or {})
def text(e): return e["evidence"]["text"]
check("every event has a place", ev and all(e.get("place") for e in ev))
talks = [e for e in ev if "At the beginning of the talks" in text(e)]
check("the talks are placed in Pyongyang (the document focus)", talks and all(place(e)["name"] == "Pyongyang" and place(e)["basis"] == "document" for e in talks))
welcome = [e for e in ev if "Upon his arrival" in text(e) or "signed a new partnership agreement" in text(e)]
check("the welcoming and the agreement in Pyongyang", welcome and all(place(e)["name"] == "Pyongyang" and place(e)["country"] == "PRK" for e in welcome))
war = [e for e in ev if e["root"] in ("18", "19", "20") and "in Ukraine" in text(e)]
check("the war in Ukraine is placed in Ukraine (clause)", war and all(place(e)["country"] == "UKR" and place(e)["basis"] == "clause" for e in war))
thanks = [e for e in talks if e["code"].startswith("05")]
check("  but thanking Kim for support in that war is not", thanks and all(place(e)["country"] != "UKR" for e in thanks))
viet = [e for e in ev if (e.get("target") or {}).get("code") == "VNM"]
check("the trip onward to Vietnam: future, placed in Vietnam", viet and all(e["mode"]["future"] and place(e)["country"] == "VNM" and place(e)["basis"] == "clause" for e in viet))
visit = [e for e in ev if e["rule"]["id"].startswith("042:visit") and (e.get("target") or {}).get("code", "").startswith("PRK")]
check("the visit to North Korea is placed there", visit and all(place(e)["country"] == "PRK" for e in visit))
blinken = [e for e in ev if text(e).startswith("In Washington") and e["code"] == "111"]
check("Blinken speaks in Washington (a fronted place: sentence)", blinken and all(place(e)["name"] == "Washington, D.C." and place(e)["basis"] == "sentence" for e in blinken))
washington_actor = [e for e in ev if (e.get("target") or {}).get("text") == "Washington"]
check("\"accused Washington\" stays an actor (USAGOV), never a place", all(place(e).get("name") != "Washington, D.C." or place(e)["basis"] != "clause" for e in washington_actor))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
'
